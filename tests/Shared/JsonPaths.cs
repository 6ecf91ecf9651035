using System.Text.Json;
using System.Text.RegularExpressions;

namespace NodeMonitor.Tests.Shared;

/// <summary>Every value of a JSON document with its path (<c>$.plugins[0].durationSeconds</c>), to check a convention on all of them.</summary>
internal static partial class JsonPaths
{
    public static IEnumerable<(string Path, JsonElement Value)> Walk(JsonElement element, string path = "$")
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject())
            {
                yield return ($"{path}.{p.Name}", p.Value);
                foreach (var inner in Walk(p.Value, $"{path}.{p.Name}")) yield return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray())
                foreach (var inner in Walk(item, $"{path}[{i++}]")) yield return inner;
        }
    }

    /// <summary>A duration written as .NET's TimeSpan text ("00:00:00.24", "1.02:03:04").</summary>
    public static bool IsTimeSpanText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && TimeSpanText().IsMatch(value.GetString()!);

    /// <summary>A duration named without its unit (<c>duration</c>, <c>resolution</c>, <c>interval</c>, <c>timeout</c>).</summary>
    public static bool IsUnitlessDuration(string path) =>
        path.EndsWith(".duration", StringComparison.Ordinal) || path.EndsWith(".resolution", StringComparison.Ordinal)
        || path.EndsWith(".interval", StringComparison.Ordinal) || path.EndsWith(".timeout", StringComparison.Ordinal);

    [GeneratedRegex(@"^-?(\d+\.)?\d{1,2}:\d\d:\d\d(\.\d+)?$")]
    private static partial Regex TimeSpanText();
}
