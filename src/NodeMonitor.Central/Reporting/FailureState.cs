using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

/// <summary>One hard failure: a test (or a plugin itself) failing for more runs in a row than its plugin's retries.</summary>
/// <param name="Test">Full test name, or null for the plugin itself (crash, timeout, load failure).</param>
public sealed record HardFailure(string Plugin, string? Test, DateTimeOffset Since, int ConsecutiveFailures, string? Message)
{
    public string Id => Test is null ? $"{Plugin} (plugin)" : $"{Plugin}: {Test}";
}

/// <summary>
/// What the centre should know about this node after a run: its hard failures. A node with none is healthy and
/// has no central record. <see cref="Signature"/> changes exactly when the set of failing things changes, so
/// an unchanged failure writes nothing centrally.
/// </summary>
public sealed record FailureState(string Node, string RunId, DateTimeOffset LastRunAt, IReadOnlyList<HardFailure> Failures)
{
    public DateTimeOffset FirstFailedAt => Failures.Min(f => f.Since);

    public string Signature => FailureSignature.Of(Failures.Select(f => f.Id));
}

internal static class FailureSignature
{
    public static string Of(IEnumerable<string> ids)
    {
        string joined = string.Join("\n", ids.Order(StringComparer.Ordinal));
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
