#pragma warning disable IDE0130 // The namespace is the test host's on purpose.
namespace Microsoft.VisualStudio.TestPlatform.TestHost;

/// <summary>
/// A failed Debug or Trace assertion in a test (<see cref="NodeMonitor.Execution.Hosting.AssertionTraceListener"/>).
/// Named exactly as the exception `dotnet test`'s test host throws for one, so a test's failure message (NUnit writes the
/// exception's full type name before the message) and any code that checks the type by name read alike under both.
/// </summary>
public sealed class DebugAssertException(string message, string stackTrace) : Exception(message)
{
    public override string StackTrace { get; } = stackTrace;
}
