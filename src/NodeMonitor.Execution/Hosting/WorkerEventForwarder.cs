using NodeMonitor.Execution.NUnit;
using NodeMonitor.Execution.Protocol;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// The worker's side of the NUnit boundary: the typed events <see cref="NUnitEventTranslator"/> makes of
/// FrameworkController's XML go to the supervisor as protocol messages, with each test's console output capped
/// before NUnit buffers it (<see cref="ConsoleOutputLimiter"/>). Assembly events are the worker's own to send.
/// </summary>
internal sealed class WorkerEventForwarder(Action<WorkerMessage> send, TextWriter diagnostics)
{
    private ConsoleOutputLimiter? _limiter;

    /// <summary>Called under the translator's lock, on the thread NUnit raised the event on.</summary>
    public void On(NUnitEvent nunitEvent)
    {
        switch (nunitEvent)
        {
            case NUnitTestStarted started:
                // Runs on the test's thread: NUnit's console capture is in place now.
                _limiter = ConsoleOutputLimiter.InstallOver(Console.Out, _limiter, out _);
                _limiter.BeginTest(started.FullName);
                send(new TestStartedMessage(started.FullName));
                break;
            case NUnitTestOutput { FullName: { } test } output:
                send(new TestProgressMessage(test, output.Text));
                break;
            case NUnitTestOutput output:
                diagnostics.WriteLine(output.Text);
                break;
            case NUnitSuiteStarted { Suite: var suite } started:
                send(new SuiteStartedMessage(started.Id, started.ParentId, suite.Type, suite.Name, suite.FullName, suite.ClassName));
                break;
            case NUnitTestFinished { Result: var result } finished:
                string? fullOutput = _limiter?.EndTest(result.FullName);
                // The suites went once each as suiteStarted; the case names its own by id.
                if (fullOutput is not null || finished.SuiteId is not null)
                    result = result with { Output = fullOutput ?? result.Output, Suites = finished.SuiteId is null ? result.Suites : null };
                send(new TestFinishedMessage(result) { Suite = finished.SuiteId });
                break;
        }
    }
}
