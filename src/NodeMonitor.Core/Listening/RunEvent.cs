using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Listening;

/// <summary>Typed events of a run, in the order a listener receives them:
/// RunStarted, then per plugin PluginStarted, (TestStarted, TestFinished)*, PluginFinished,
/// and finally RunFinished. Plugins run in parallel, so events of different plugins interleave;
/// events of one plugin keep their order.</summary>
public abstract record RunEvent(DateTimeOffset At);

public sealed record RunStarted(string RunId, string Node, IReadOnlyList<string> Plugins, DateTimeOffset At) : RunEvent(At);

public sealed record PluginStarted(string Plugin, DateTimeOffset At) : RunEvent(At);

public sealed record TestStarted(string Plugin, string FullName, DateTimeOffset At) : RunEvent(At);

/// <summary>Free-form progress text a test wrote (TestContext.Progress) while running.</summary>
public sealed record TestProgress(string Plugin, string FullName, string Text, DateTimeOffset At) : RunEvent(At);

public sealed record TestFinished(TestCaseResult Result, DateTimeOffset At) : RunEvent(At);

public sealed record PluginFinished(PluginResult Result, DateTimeOffset At) : RunEvent(At);

public sealed record RunFinished(RunResult Result, DateTimeOffset At) : RunEvent(At);
