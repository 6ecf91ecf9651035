using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Swift;

namespace NodeMonitor.Central;

/// <summary>Stores synced run summaries as <c>&lt;node&gt;/passed/&lt;day&gt;/&lt;first&gt;_&lt;last&gt;.jsonl.gz</c> with
/// <c>X-Delete-After</c>. The type is <c>application/gzip</c> without a Content-Encoding, so a download is the .gz file
/// itself (with <c>Content-Encoding: gzip</c> HTTP clients would unpack it on the way).</summary>
public sealed class SwiftPassedResultsStore(SwiftClient client, SwiftSettings settings) : IPassedResultsStore
{
    public Task PutAsync(PassedResultsObject resultsObject, DateTime deadlineUtc, CancellationToken ct) =>
        client.PutObjectAsync(resultsObject.Name, resultsObject.Content, PassedResultsObject.ContentType, settings.DeleteAfter,
            deadlineUtc, ct);
}
