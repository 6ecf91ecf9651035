using System.Text;
using System.Text.Json;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Reporting;

/// <summary>
/// The <c>--format json</c> / <c>format=json</c> document. Names are camelCase and stable; outcomes and
/// statuses are strings; durations are seconds as numbers; every field is always present (null when
/// unknown) so that jq filters and other readers need no existence checks.
/// </summary>
public static class RunResultJson
{
    /// <summary>Bumped when a field is renamed or removed (adding fields does not change it).</summary>
    public const int SchemaVersion = 1;

    // Relaxed escaping: this is a file for people and jq, not HTML; "<" and non-ASCII stay readable.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(RunResult run)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("runId", run.RunId);
            json.WriteString("node", run.Node);
            json.WriteString("startTime", run.StartTime);
            json.WriteString("endTime", run.EndTime);
            json.WriteNumber("durationSeconds", Seconds(run.Duration));
            json.WriteBoolean("passed", run.Passed);
            WriteCounts(json, run.Counts);
            json.WriteStartArray("plugins");
            foreach (var plugin in run.Plugins) WritePlugin(json, plugin);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePlugin(Utf8JsonWriter json, PluginResult plugin)
    {
        json.WriteStartObject();
        json.WriteString("name", plugin.Name);
        json.WriteString("status", plugin.Status.ToString());
        json.WriteBoolean("passed", plugin.Succeeded);
        json.WriteString("error", plugin.Error);
        json.WriteString("runningTest", plugin.RunningTest);
        json.WriteString("capturedOutput", plugin.CapturedOutput);
        json.WriteString("startTime", plugin.StartTime);
        json.WriteNumber("durationSeconds", Seconds(plugin.Duration));
        WriteStrings(json, "assemblies", plugin.Assemblies);
        WriteCounts(json, plugin.Counts);
        json.WriteStartArray("tests");
        foreach (var test in plugin.Tests) WriteTest(json, test);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTest(Utf8JsonWriter json, TestCaseResult test)
    {
        json.WriteStartObject();
        json.WriteString("fullName", test.FullName);
        json.WriteString("className", test.ClassName);
        json.WriteString("methodName", test.MethodName);
        json.WriteString("assembly", test.Assembly);
        json.WriteString("outcome", test.Outcome.ToString());
        json.WriteString("label", test.Label);
        json.WriteString("site", test.Site);
        json.WriteString("startTime", test.StartTime);
        json.WriteNumber("durationSeconds", Seconds(test.Duration));
        json.WriteString("message", test.Message);
        json.WriteString("stackTrace", test.StackTrace);
        json.WriteString("output", test.Output);
        json.WriteNumber("asserts", test.Asserts);
        WriteStrings(json, "categories", test.Categories);
        // An array of pairs, not an object: NUnit allows a property name more than once.
        json.WriteStartArray("properties");
        foreach (var property in test.Properties)
        {
            json.WriteStartObject();
            json.WriteString("name", property.Key);
            json.WriteString("value", property.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteMetrics(json, test.Metrics);
        json.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter json, IReadOnlyList<TestMetric> metrics)
    {
        json.WriteStartArray("metrics");
        foreach (var metric in metrics)
        {
            json.WriteStartObject();
            json.WriteString("name", metric.Name);
            json.WriteNumber("value", metric.Value);
            json.WriteString("kind", metric.Kind.ToString());
            json.WriteString("unit", metric.Unit);
            json.WriteBoolean("valueIsTotal", metric.ValueIsTotal);
            if (metric.Time is { } time) json.WriteString("time", time);
            else json.WriteNull("time");
            json.WriteStartObject("labels");
            foreach (var (key, value) in metric.Labels) json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The "counts" object every NodeMonitor JSON document uses (result files, synced summaries).</summary>
    public static void WriteCounts(Utf8JsonWriter json, OutcomeCounts counts)
    {
        json.WriteStartObject("counts");
        json.WriteNumber("total", counts.Total);
        json.WriteNumber("passed", counts.Passed);
        json.WriteNumber("failed", counts.Failed);
        json.WriteNumber("warnings", counts.Warnings);
        json.WriteNumber("inconclusive", counts.Inconclusive);
        json.WriteNumber("skipped", counts.Skipped);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>Rounded to microseconds so the text stays short and stable.</summary>
    private static double Seconds(TimeSpan duration) => PrintedJson.Seconds(duration);
}
