using System.Diagnostics;
using System.Reflection;

namespace NodeMonitor.Execution.Hosting;

/// <summary>
/// A failed <c>Debug.Assert</c>, <c>Debug.Fail</c>, <c>Trace.Assert</c> or <c>Trace.Fail</c> fails the test that made it,
/// as under `dotnet test`, instead of ending the process (what .NET's default listener does): the test host replaces the
/// default trace listener with one that throws, and so does the worker, with the same exception and message (see
/// <see cref="Microsoft.VisualStudio.TestPlatform.TestHost.DebugAssertException"/>). Writes still go where the default
/// listener sends them.
/// </summary>
internal sealed class AssertionTraceListener : DefaultTraceListener
{
    /// <summary>Replaces each default listener of <see cref="Trace.Listeners"/> (so of Debug's too), once per process.</summary>
    public static void Install()
    {
        var listeners = Trace.Listeners;
        lock (listeners)
        {
            for (int i = 0; i < listeners.Count; i++)
            {
                if (listeners[i] is DefaultTraceListener and not AssertionTraceListener) listeners[i] = new AssertionTraceListener();
            }
        }
    }

    public override void Fail(string? message) => Fail(message, null);

    // An empty detail (Debug.Assert's) still adds its line break, as under the test host.
    public override void Fail(string? message, string? detailMessage) =>
        throw Failure(detailMessage is null ? message : message + Environment.NewLine + detailMessage);

    // The test host's wording: the Debug or Trace method that failed (first on the stack), or "<method>" when it was inlined away.
    private static Microsoft.VisualStudio.TestPlatform.TestHost.DebugAssertException Failure(string? message)
    {
        var frames = new StackTrace(true).GetFrames();
        int first = Array.FindIndex(frames, f => f.GetMethod()?.DeclaringType is { } type && (type == typeof(Debug) || type == typeof(Trace)));
        MethodBase? method = first < 0 ? null : frames[first].GetMethod();
        string name = method is null ? "<method>" : $"{method.DeclaringType!.Name}.{method.Name}";
        string stackTrace = first < 0 ? "" : new StackTrace(frames[first..]).ToString().TrimEnd();
        string type = typeof(Microsoft.VisualStudio.TestPlatform.TestHost.DebugAssertException).FullName!;
        return new($"Method {name} failed with '{message}', and was translated to {type} to avoid terminating the process hosting the test.", stackTrace);
    }
}
