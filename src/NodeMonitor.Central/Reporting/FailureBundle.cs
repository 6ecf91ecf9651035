using NodeMonitor.Core.Configuration;
using System.Text;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Central;

/// <summary>The files uploaded for one failing run: <c>&lt;node&gt;/failures/&lt;run-id&gt;/</c> + each name.</summary>
public sealed record FailureBundle(string Node, string RunId, IReadOnlyDictionary<string, string> Files)
{
    public const string ResultJson = "result.json";
    public const string ResultXml = "TestResult.xml";
    public const string OutputLog = "output.log";

    public string Folder => $"{NodeName.RequireSafeOrReserved(Node, "node name")}/failures/{NodeName.RequireSafe(RunId, "run id")}/";

    /// <summary>Builds the bundle from the run with Core's own writers, so it matches <c>--result</c> files.</summary>
    public static FailureBundle From(RunResult run) => new(run.Node, run.RunId, new Dictionary<string, string>
    {
        [ResultJson] = RunResultJson.Serialize(run),
        [ResultXml] = NUnit3ResultXml.Build(run).ToString(),
        [OutputLog] = OutputOf(run),
    });

    /// <summary>What a person reads first: every failing test and errored plugin with message, stack and output.</summary>
    private static string OutputOf(RunResult run)
    {
        var text = new StringBuilder();
        foreach (var plugin in run.Plugins)
        {
            if (plugin.Errored)
            {
                text.Append("== ").Append(plugin.Name).Append(" (plugin ").Append(plugin.Status).AppendLine(") ==");
                text.AppendLine(ResultText.PluginError(plugin));
                if (plugin.CapturedOutput is { Length: > 0 } output) text.AppendLine(output);
            }
            foreach (var test in plugin.Tests.Where(t => t.IsFailure))
            {
                text.Append("== ").Append(plugin.Name).Append(": ").Append(test.FullName).AppendLine(" ==");
                if (test.Message is { Length: > 0 } message) text.AppendLine(message);
                if (test.StackTrace is { Length: > 0 } stack) text.AppendLine(stack);
                if (test.Output is { Length: > 0 } output) text.AppendLine("-- output --").AppendLine(output);
            }
        }
        return text.ToString();
    }
}

/// <summary>Where an uploaded bundle can be read: the object URL (needs a token) and an expiring signed link.</summary>
public sealed record BundleLink(string ObjectUrl, string? TempUrl, DateTimeOffset? TempUrlExpiresAt);
