using NUnit.Engine;
using NUnit.Engine.Extensibility;

namespace NodeMonitor.Extension;

/// <summary>
/// The NUnit engine extension point: receives the engine's XML events (start-run … test-run) inside the test
/// host of <c>dotnet test</c> and records the run the way <c>nodemonitor run</c> does. It never fails a test run:
/// anything that goes wrong (no configuration, no writable state directory, a broken store) is one warning line.
/// </summary>
[Extension(Description = "NodeMonitor: records test runs in the local store, like `nodemonitor run`")]
public sealed class NodeMonitorEventListener : ITestEventListener
{
    private readonly DeskWarnings _warnings = new(Console.Error, ControllingTerminal.OpenOrNull);
    private DeskRun? _run;
    private bool _disabled = DeskRecording.IsSwitchedOff(Environment.GetEnvironmentVariable(DeskRecording.SwitchVariable));

    public void OnTestEvent(string report)
    {
        if (_disabled || string.IsNullOrEmpty(report)) return;
        try
        {
            if (_run is null || _run.Finished) _run = DeskRun.Start(_warnings);
            _run?.OnEvent(report);
        }
        catch (Exception e)
        {
            // The engine disables an extension that throws; say why once and stay out of the way.
            _disabled = true;
            _warnings.Warn($"stopped recording this run: {e.GetType().Name}: {e.Message}");
        }
    }
}
