using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Tests.Support;

/// <summary>Builds a <see cref="RunResult"/> test by test:
/// <c>new RunResultBuilder(at).Passed("disk", "Disk.Free").Failed("disk", "Disk.Inodes", "92% used").Build()</c>.
/// Plugins come out in name order, every test starts at the run's start time.</summary>
public sealed class RunResultBuilder(DateTimeOffset startTime)
{
    private readonly SortedDictionary<string, List<TestCaseResult>> _tests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PluginStatus Status, string Error, string? Output)> _errors = [];
    private readonly List<string> _duplicatePlugins = [];
    private string _node = "node-1";
    private string? _runId;

    public RunResultBuilder OnNode(string node) { _node = node; return this; }

    public RunResultBuilder WithRunId(string runId) { _runId = runId; return this; }

    public RunResultBuilder Passed(string plugin, string fullName) =>
        Test(plugin, fullName, TestOutcome.Passed);

    public RunResultBuilder Failed(string plugin, string fullName, string message = "expected true but was false",
        string? output = null) =>
        Test(plugin, fullName, TestOutcome.Failed, message, output);

    public RunResultBuilder Test(string plugin, string fullName, TestOutcome outcome, string? message = null,
        string? output = null)
    {
        TestsOf(plugin).Add(new TestCaseResult(
            plugin, "Checks.dll", fullName, ClassOf(fullName), MethodOf(fullName), outcome,
            Label: outcome == TestOutcome.Skipped ? "Ignored" : null,
            Site: outcome == TestOutcome.Failed ? "Test" : null,
            startTime, TimeSpan.FromMilliseconds(250), message,
            StackTrace: outcome == TestOutcome.Failed ? $"at {fullName}() in Checks.cs:line 12" : null,
            output, Asserts: 1, Categories: [], Properties: []));
        return this;
    }

    /// <summary>A passing test that published <paramref name="facts"/> (NodeMonitor.Checks' Fact.Publish), in order.</summary>
    public RunResultBuilder Publishing(string plugin, string fullName, params (string Name, string Value)[] facts)
    {
        Test(plugin, fullName, TestOutcome.Passed);
        var tests = TestsOf(plugin);
        tests[^1] = tests[^1] with
        {
            Properties = facts.Select(f => new KeyValuePair<string, string>(PublishedFacts.PropertyName,
                System.Text.Json.JsonSerializer.Serialize(new { name = f.Name, value = f.Value }))).ToList(),
        };
        return this;
    }

    /// <summary>A plugin whose worker ended with <paramref name="status"/>, keeping the tests added for it.</summary>
    public RunResultBuilder PluginError(string plugin, PluginStatus status, string error, string? capturedOutput = null)
    {
        TestsOf(plugin);
        _errors[plugin] = (status, error, capturedOutput);
        return this;
    }

    /// <summary>Adds a second, empty plugin result with an existing plugin's name (a malformed run).</summary>
    public RunResultBuilder DuplicatePlugin(string plugin) { _duplicatePlugins.Add(plugin); return this; }

    public RunResult Build()
    {
        var plugins = _tests.Select(p => Plugin(p.Key, p.Value))
            .Concat(_duplicatePlugins.Select(name => Plugin(name, [])))
            .ToList();
        return new RunResult(_runId ?? RunResult.NewRunId(startTime), _node, startTime, startTime.AddSeconds(5), plugins);
    }

    private PluginResult Plugin(string name, List<TestCaseResult> tests)
    {
        var error = _errors.GetValueOrDefault(name);
        bool errored = _errors.ContainsKey(name);
        return new PluginResult(name, ["Checks.dll"], errored ? error.Status : PluginStatus.Completed,
            errored ? error.Error : null, errored ? tests.LastOrDefault()?.FullName : null, errored ? error.Output : null,
            startTime, TimeSpan.FromSeconds(2), tests);
    }

    private List<TestCaseResult> TestsOf(string plugin)
    {
        if (!_tests.TryGetValue(plugin, out var tests)) _tests[plugin] = tests = [];
        return tests;
    }

    private static string ClassOf(string fullName) =>
        fullName.Contains('.') ? fullName[..fullName.LastIndexOf('.')] : fullName;

    private static string MethodOf(string fullName) =>
        fullName.Contains('.') ? fullName[(fullName.LastIndexOf('.') + 1)..] : fullName;
}
