using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// NUnit's XML events as typed records, made by <see cref="NUnitEventTranslator"/> in the order NUnit sent them.
/// Times are NUnit's own where the event carries them, null where it does not.
/// </summary>
public abstract record NUnitEvent;

/// <summary>The engine's start-run (FrameworkController sends none).</summary>
public sealed record NUnitRunStarted(DateTimeOffset? StartTime) : NUnitEvent;

/// <summary>An assembly's suite started; <paramref name="Plugin"/> is the plugin its results belong to.</summary>
public sealed record NUnitAssemblyStarted(string Plugin, string Assembly) : NUnitEvent;

public sealed record NUnitTestStarted(string Plugin, string FullName) : NUnitEvent;

/// <summary>Text written while a test ran (TestContext.Progress); <paramref name="FullName"/> is null when NUnit
/// named no test. Capped at <see cref="OutputLimits.MessageChars"/>.</summary>
public sealed record NUnitTestOutput(string Plugin, string? FullName, string Text) : NUnitEvent;

/// <summary>A suite below an assembly started (namespace, fixture, parameterized method, ...). <paramref name="Id"/> is NUnit's
/// id, unique within the assembly; <paramref name="ParentId"/> is the enclosing suite's, null when that is the assembly or
/// was never announced.</summary>
public sealed record NUnitSuiteStarted(string Plugin, string Id, string? ParentId, EnclosingSuite Suite) : NUnitEvent;

/// <summary>A finished test case, or a suite that failed on its own (see <see cref="NUnitTestCaseReader.SuiteFailedOnItsOwn"/>).</summary>
public sealed record NUnitTestFinished(TestCaseResult Result) : NUnitEvent
{
    /// <summary>NUnit's id of the suite the case sits in, announced before by <see cref="NUnitSuiteStarted"/>; null when
    /// none was (then <see cref="TestCaseResult.Suites"/> is null too).</summary>
    public string? SuiteId { get; init; }
}

public sealed record NUnitAssemblyFinished(string Plugin, string Assembly, DateTimeOffset? StartTime, TimeSpan? Duration) : NUnitEvent;

/// <summary>The engine's test-run (FrameworkController sends none).</summary>
public sealed record NUnitRunFinished(DateTimeOffset? StartTime, DateTimeOffset? EndTime) : NUnitEvent;
