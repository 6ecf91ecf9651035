using System.Text;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Swift;

namespace NodeMonitor.Central;

/// <summary>Uploads failure bundles as <c>&lt;node&gt;/failures/&lt;run-id&gt;/&lt;file&gt;</c> with <c>X-Delete-After</c>, and links
/// result.json with a TempURL when a key is configured.</summary>
public sealed class SwiftBundleStore(SwiftClient client, SwiftSettings settings, TimeProvider? clock = null) : IFailureBundleStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<BundleLink> UploadAsync(FailureBundle bundle, DateTime deadlineUtc, CancellationToken ct)
    {
        // A container made before the key was configured (or by another tool) would make every link a 401.
        if (settings.TempUrlKey is not null) await client.PrepareTempUrlKeyAsync(deadlineUtc, ct);
        foreach (var (name, text) in bundle.Files)
        {
            string type = name.EndsWith(".json", StringComparison.Ordinal) ? "application/json"
                : name.EndsWith(".xml", StringComparison.Ordinal) ? "application/xml" : "text/plain; charset=utf-8";
            await client.PutObjectAsync(bundle.Folder + name, Encoding.UTF8.GetBytes(text), type, settings.DeleteAfter, deadlineUtc, ct);
        }
        string url = await client.ObjectUrlAsync(bundle.Folder + FailureBundle.ResultJson, deadlineUtc, ct);
        if (settings.TempUrlKey is not { } key) return new BundleLink(url, null, null);
        var expires = _clock.GetUtcNow() + settings.TempUrlLifetime;
        return new BundleLink(url, TempUrl.Sign(url, key, expires), expires);
    }
}
