using System.Collections;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Listening;
using NodeMonitor.Core.Pipeline;
using NodeMonitor.Core.Results;
using NodeMonitor.Execution.NUnit;

namespace NodeMonitor.Extension;

/// <summary>
/// One engine run: configuration read when it starts (validate early), engine events translated into NodeMonitor's
/// typed events, and the finished <see cref="RunResult"/> written through the same sinks as <c>nodemonitor run</c>
/// (connect late: the store is opened only when the run is over).
/// </summary>
internal sealed class DeskRun
{
    private readonly NodeMonitorConfig _config;
    private readonly NUnitEngineEvents _events;
    private readonly DeskWarnings _warnings;
    private bool _warnedUnreadable;

    private DeskRun(NodeMonitorConfig config, DeskWarnings warnings)
    {
        _config = config;
        _warnings = warnings;
        _events = new NUnitEngineEvents(config.Node, new NoListener());
    }

    public bool Finished => _events.Result is not null;

    /// <summary>Null (after a warning) when the configuration cannot be read: the tests run, nothing is recorded.</summary>
    public static DeskRun? Start(DeskWarnings warnings)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        string? path = environment.GetValueOrDefault("NODEMONITOR_CONFIG");
        try
        {
            var config = ConfigLoader.Load(string.IsNullOrEmpty(path) ? null : path, environment);
            return new DeskRun(DeskStateDirectory.Apply(config, environment, Environment.IsPrivilegedProcess), warnings);
        }
        catch (ConfigurationException e)
        {
            warnings.Warn($"this run is not recorded: configuration error: {e.Describe()}");
            return null;
        }
    }

    public void OnEvent(string xml)
    {
        bool wasFinished = Finished;
        if (!_events.OnEvent(xml) && !_warnedUnreadable)
        {
            _warnedUnreadable = true;
            _warnings.Warn($"could not read an NUnit event; results may be incomplete: {OutputLimits.Cap(xml, 200)}");
        }
        if (!wasFinished && _events.Result is { } run) Store(run);
    }

    private void Store(RunResult run)
    {
        run = Core.Security.SecretRedactor.For(_config).Redact(run);
        var (pipeline, database) = DeskSinks.Open(_config, _warnings);
        using (database)
        {
            // The engine calls listeners synchronously; the store sink finishes without awaiting anything.
            var outcome = pipeline.WriteAsync(run, CancellationToken.None).GetAwaiter().GetResult();
            foreach (var error in outcome.Errors)
                _warnings.Warn($"could not write this run to the {error.Sink} sink: {error.Message}");
            if (database?.MovedAside is { } aside)
                _warnings.Warn($"the local store was corrupt; it was moved aside to {aside} and a fresh store was started");
        }
    }

    /// <summary>Live progress is the test runner's job at a desk; only the finished run is stored.</summary>
    private sealed class NoListener : IRunListener
    {
        public void OnEvent(RunEvent runEvent) { }
    }
}
