using System.Text.Json;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>The value of <c>&lt;prefix&gt;/failures/&lt;node&gt;</c> in etcd: small, capped, enough to act on.</summary>
public sealed record FailureRecord(
    string Node,
    string RunId,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastRunAt,
    string Signature,
    IReadOnlyList<string> FailingTests,
    int FailingTotal,
    IReadOnlyList<string> PluginErrors,
    string? ObjectUrl,
    string? TempUrl,
    DateTimeOffset? TempUrlExpiresAt)
{
    /// <summary>At most this many test names go into the record; the bundle has them all.</summary>
    public const int MaxTests = 20;

    public static FailureRecord From(FailureState state, BundleLink? link)
    {
        var tests = state.Failures.Where(f => f.Test is not null).Select(f => f.Id).ToList();
        var pluginErrors = state.Failures.Where(f => f.Test is null)
            .Select(f => $"{f.Plugin}: {f.Message?.Split('\n')[0].Trim()}").ToList();
        return new FailureRecord(state.Node, state.RunId, state.FirstFailedAt, state.LastRunAt, state.Signature,
            tests.Take(MaxTests).ToList(), tests.Count, pluginErrors, link?.ObjectUrl, link?.TempUrl, link?.TempUrlExpiresAt);
    }

    public string ToJson() => JsonSerializer.Serialize(this, CentralWireJson.Default.FailureRecord);

    public static FailureRecord? FromJson(string json) => JsonSerializer.Deserialize(json, CentralWireJson.Default.FailureRecord);

    /// <summary>The record in a UTF-8 value; null when it is not one (a damaged or foreign value is skipped, never fatal).</summary>
    public static FailureRecord? FromUtf8(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CentralWireJson.Default.FailureRecord) is { Node: not null, FailingTests: not null, PluginErrors: not null } record ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
