using NodeMonitor.Core.Configuration;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>
/// One synced object: the summaries of a batch of runs as gzip-compressed JSON lines, named
/// <c>&lt;node&gt;/passed/&lt;yyyy-MM-dd of the first run, UTC&gt;/&lt;first-run-id&gt;_&lt;last-run-id&gt;.jsonl.gz</c>.
/// The same runs always give the same name, so uploading a batch again replaces the object instead of adding one.
/// </summary>
/// <param name="Content">The gzip file (one JSON object per line, see <see cref="Line"/>).</param>
public sealed record PassedResultsObject(string Name, int Runs, string FirstRunId, string LastRunId, byte[] Content)
{
    public const string ContentType = "application/gzip";

    /// <summary>Builds the object for <paramref name="runs"/> (oldest first) synced by <paramref name="node"/>.</summary>
    public static PassedResultsObject Build(string node, IReadOnlyList<StoredRun> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var first = runs[0];
        var last = runs[^1];
        string day = first.StartTime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            foreach (var run in runs)
            {
                gzip.Write(Line(run));
                gzip.WriteByte((byte)'\n');
            }
        }
        string name = $"{NodeName.RequireSafe(node, "node name")}/passed/{day}/{NodeName.RequireSafe(first.RunId, "run id")}_{NodeName.RequireSafe(last.RunId, "run id")}.jsonl.gz";
        return new PassedResultsObject(name, runs.Count, first.RunId,
            last.RunId, buffer.ToArray());
    }

    /// <summary>
    /// One run's compact summary (UTF-8 JSON, no line breaks): <c>runId, node, start, end, passed, counts</c> and per plugin
    /// <c>name, status, seconds, counts</c> plus <c>error</c>/<c>runningTest</c> when it errored. No per-test rows: a passing
    /// test is a count; the evidence of a failure is in its failure bundle.
    /// </summary>
    public static byte[] Line(StoredRun run)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("runId", run.RunId);
            json.WriteString("node", run.Node);
            json.WriteString("start", Time(run.StartTime));
            json.WriteString("end", Time(run.EndTime));
            json.WriteBoolean("passed", run.Passed);
            RunResultJson.WriteCounts(json, run.Counts);
            json.WriteStartArray("plugins");
            foreach (var plugin in run.Plugins)
            {
                json.WriteStartObject();
                json.WriteString("name", plugin.Name);
                json.WriteString("status", plugin.Status.ToString());
                json.WriteNumber("seconds", Math.Round(plugin.Duration.TotalSeconds, 3));
                RunResultJson.WriteCounts(json, plugin.Counts);
                if (plugin.Error is not null) json.WriteString("error", plugin.Error);
                if (plugin.RunningTest is not null) json.WriteString("runningTest", plugin.RunningTest);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
