using System.Text.Json.Serialization;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Protocol;

/// <summary>
/// What a worker tells its supervisor, one JSON object per line (at most <see cref="ProtocolLimits.MaxLineBytes"/>).
/// Plugin code runs in the worker and can write to the channel, so the supervisor checks every line (<see cref="ProtocolSequence"/>).
/// NUnit's XML never leaves the worker: it is translated into these records at the edge.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AssemblyStartedMessage), "assemblyStarted")]
[JsonDerivedType(typeof(AssemblyLoadFailedMessage), "assemblyLoadFailed")]
[JsonDerivedType(typeof(AssemblyExploredMessage), "assemblyExplored")]
[JsonDerivedType(typeof(SuiteStartedMessage), "suiteStarted")]
[JsonDerivedType(typeof(TestStartedMessage), "testStarted")]
[JsonDerivedType(typeof(TestProgressMessage), "testProgress")]
[JsonDerivedType(typeof(TestFinishedMessage), "testFinished")]
[JsonDerivedType(typeof(WorkerDoneMessage), "done")]
internal abstract record WorkerMessage;

internal sealed record AssemblyStartedMessage(string Assembly, string? FrameworkVersion) : WorkerMessage;

/// <summary>The assembly could not be loaded or NUnit refused it; <paramref name="Error"/> is one line for people.</summary>
internal sealed record AssemblyLoadFailedMessage(string Assembly, string Error) : WorkerMessage;

internal sealed record AssemblyExploredMessage(string Assembly, string? FrameworkVersion, int TestCount, IReadOnlyList<string> Tests) : WorkerMessage;

internal sealed record TestStartedMessage(string FullName) : WorkerMessage;

internal sealed record TestProgressMessage(string FullName, string Text) : WorkerMessage;

/// <summary>A suite below the running assembly, sent once before any case in it finishes: cases name it by
/// <paramref name="Id"/> (unique within the assembly) instead of repeating their enclosing suites. <paramref name="Parent"/>
/// is an enclosing suite sent before, or null directly below the assembly.</summary>
internal sealed record SuiteStartedMessage(string Id, string? Parent, string Type, string Name, string FullName, string? ClassName) : WorkerMessage;

/// <summary>A finished case. <see cref="Suite"/> names the suite it sits in (a <see cref="SuiteStartedMessage"/>'s id);
/// the supervisor fills <see cref="TestCaseResult.Suites"/> from it, so the worker leaves them out.</summary>
internal sealed record TestFinishedMessage(TestCaseResult Result) : WorkerMessage
{
    public string? Suite { get; init; }
}

/// <summary>Sent last: every requested assembly was handled. A worker that exits without it crashed. A shared worker
/// ends each plugin with it, carrying the token the supervisor gave that plugin, so plugin code cannot end its run early.</summary>
internal sealed record WorkerDoneMessage : WorkerMessage
{
    public string? Token { get; init; }
}

// The wire format's reference: the worker writes lines by hand (WorkerMessageWriter) and the supervisor reads them by
// hand (WorkerMessageParser), each exactly as this context writes them; the tests compare both with it.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(WorkerMessage))]
internal sealed partial class WorkerMessageJson : JsonSerializerContext;
