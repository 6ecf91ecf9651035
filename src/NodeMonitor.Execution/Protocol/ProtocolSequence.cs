using System.Text;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Protocol;

/// <summary>
/// Checks every line a worker sends before the supervisor acts on it: well-formed JSON of a known message type
/// with every required field, allowed in the request's mode, in order (assembly before its tests, nothing after
/// <c>done</c>), about this plugin and the assembly being run, naming only suites announced before (each once), and within
/// the plugin's byte budget (suites count with the memory their paths take). The worker is
/// plugin code's process, so the channel is untrusted input: any violation ends that plugin, never the run.
/// </summary>
internal sealed class ProtocolSequence(WorkerRequest request)
{
    private readonly HashSet<string> _requested = request.Assemblies.Select(a => Path.GetFileName(a)).ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<EnclosingSuite>> _suitePaths = new(StringComparer.Ordinal);
    private string? _current;
    private bool _done;
    private long _keptBytes;

    /// <summary>Parses and checks one line.</summary>
    /// <exception cref="ProtocolViolationException">The line is not an acceptable next message.</exception>
    public WorkerMessage Accept(string line) => Accept(Encoding.UTF8.GetBytes(line));

    /// <summary>Parses and checks one line of UTF-8 (without its newline).</summary>
    /// <exception cref="ProtocolViolationException">The line is not an acceptable next message.</exception>
    public WorkerMessage Accept(ReadOnlySpan<byte> line)
    {
        if (_done) throw new ProtocolViolationException("a message after the worker's done message");
        var message = WorkerMessageParser.Parse(line);
        switch (message)
        {
            case AssemblyStartedMessage started:
                RequireMode(WorkerMode.Run, "assemblyStarted");
                RequireRequested(started.Assembly);
                if (!_started.Add(started.Assembly)) throw Violation($"assembly {started.Assembly} started twice");
                _current = started.Assembly;
                _suitePaths.Clear(); // suite ids are the assembly's own
                break;
            case AssemblyLoadFailedMessage failed:
                RequireRequested(failed.Assembly);
                RequireText(failed.Error, "assemblyLoadFailed.error");
                Keep(line.Length);
                break;
            case AssemblyExploredMessage explored:
                RequireMode(WorkerMode.Explore, "assemblyExplored");
                RequireRequested(explored.Assembly);
                if (explored.TestCount < 0 || explored.Tests is null || explored.Tests.Any(string.IsNullOrEmpty))
                    throw Violation("assemblyExplored with a negative count or an empty test name");
                Keep(line.Length);
                break;
            case SuiteStartedMessage suite:
                RequireRunningAssembly("suiteStarted");
                AddSuite(suite, line.Length);
                break;
            case TestStartedMessage testStarted:
                RequireRunningAssembly("testStarted");
                RequireText(testStarted.FullName, "testStarted.fullName");
                break;
            case TestProgressMessage progress:
                RequireRunningAssembly("testProgress");
                RequireText(progress.FullName, "testProgress.fullName");
                break;
            case TestFinishedMessage finished:
                RequireRunningAssembly("testFinished");
                CheckResult(finished.Result);
                Keep(line.Length);
                return WithSuites(finished);
            case WorkerDoneMessage:
                _done = true;
                break;
        }
        return message;
    }

    private void CheckResult(TestCaseResult? result)
    {
        if (result is null) throw Violation("testFinished without a result");
        if (result.Plugin != request.Plugin)
            throw Violation($"a result for plugin '{OutputLimits.Cap(result.Plugin, 100)}', not '{request.Plugin}'");
        if (result.Assembly != _current)
            throw Violation($"a result for assembly '{OutputLimits.Cap(result.Assembly, 100)}' while {_current} runs");
        RequireText(result.FullName, "testFinished.result.fullName");
        if (!Enum.IsDefined(result.Outcome)) throw Violation($"an unknown outcome {(int)result.Outcome}");
        if (result.Duration < TimeSpan.Zero) throw Violation("a negative duration");
        if (result.Asserts < 0) throw Violation("a negative assert count");
        RequireText(result.ClassName, "testFinished.result.className");
        if (result.MethodName is null) throw Violation("testFinished.result.methodName is missing");
        if (result.Categories is null || result.Properties is null
            || result.Categories.Any(c => c is null) || result.Properties.Any(p => p.Key is null || p.Value is null))
            throw Violation("a null category or property");
    }

    private void AddSuite(SuiteStartedMessage suite, int lineBytes)
    {
        RequireText(suite.Id, "suiteStarted.id");
        RequireText(suite.Type, "suiteStarted.type");
        if (suite.Name is null || suite.FullName is null) throw Violation("suiteStarted without a name or full name");
        if (_suitePaths.ContainsKey(suite.Id)) throw Violation($"suite '{OutputLimits.Cap(suite.Id, 100)}' started twice");
        IReadOnlyList<EnclosingSuite> parentPath = [];
        if (suite.Parent is not null && !_suitePaths.TryGetValue(suite.Parent, out parentPath!))
            throw Violation($"suite '{OutputLimits.Cap(suite.Id, 100)}' inside unknown suite '{OutputLimits.Cap(suite.Parent, 100)}'");
        IReadOnlyList<EnclosingSuite> path = [.. parentPath, new EnclosingSuite(suite.Type, suite.Name, suite.FullName, suite.ClassName)];
        // A path holds a reference per level: deep nesting costs memory beyond the line, and is charged for it.
        Keep(lineBytes + (long)path.Count * IntPtr.Size);
        _suitePaths[suite.Id] = path;
    }

    /// <summary>The message with <see cref="TestCaseResult.Suites"/> filled from the suite it names, if it names one.</summary>
    private TestFinishedMessage WithSuites(TestFinishedMessage finished)
    {
        if (finished.Suite is null) return finished;
        if (finished.Result.Suites is not null) throw Violation("testFinished with both a suite id and suites");
        if (!_suitePaths.TryGetValue(finished.Suite, out var path))
            throw Violation($"a result in unknown suite '{OutputLimits.Cap(finished.Suite, 100)}'");
        return finished with { Result = finished.Result with { Suites = path }, Suite = null };
    }

    private void RequireMode(WorkerMode mode, string type)
    {
        if (request.Mode != mode) throw Violation($"{type} in {request.Mode.ToString().ToLowerInvariant()} mode");
    }

    private void RequireRequested(string? assembly)
    {
        if (string.IsNullOrEmpty(assembly) || !_requested.Contains(assembly))
            throw Violation($"assembly '{OutputLimits.Cap(assembly ?? "", 100)}' was not requested");
    }

    private void RequireRunningAssembly(string type)
    {
        RequireMode(WorkerMode.Run, type);
        if (_current is null) throw Violation($"{type} before any assemblyStarted");
    }

    private static void RequireText(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) throw Violation($"{field} is missing or empty");
    }

    private void Keep(long bytes)
    {
        _keptBytes += bytes;
        if (_keptBytes > ProtocolLimits.MaxKeptBytesPerPlugin)
            throw Violation($"more than {ProtocolLimits.MaxKeptBytesPerPlugin / (1024 * 1024)} MiB of results");
    }

    private static ProtocolViolationException Violation(string what) => new(what);
}
