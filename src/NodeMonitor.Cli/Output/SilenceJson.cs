using System.Text.Json;
using System.Text.Json.Nodes;
using NodeMonitor.Central;
using NodeMonitor.Core.Security;
using NodeMonitor.Cli.Json;
using NodeMonitor.Core.Reporting;

namespace NodeMonitor.Cli;

/// <summary>How <c>failures</c> shows silences: a note after a silenced test, and in JSON the record with
/// <c>silenced</c> (every part silenced) and <c>silences</c> (each covering silence and the tests it covers).</summary>
internal static class SilenceJson
{
    public static string Note(Silence? s) =>
        s is null ? "" : TerminalText.Line($"  [silenced by {s.Author} until {s.EndsAt:u}: {s.Reason}]");

    public static JsonNode WithSilences(SilencedFailure f)
    {
        var node = JsonSerializer.SerializeToNode(f.Record, PrintedJson.TypeInfo<FailureRecord>(CliJson.Default))!.AsObject();
        node["silenced"] = f.FullySilenced;
        node["silences"] = new JsonArray([.. f.Silences.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["author"] = s.Author,
            ["until"] = s.EndsAt,
            ["reason"] = s.Reason,
            ["tests"] = new JsonArray([.. f.Items.Where(i => i.SilencedBy?.Id == s.Id).Select(i => (JsonNode)JsonValue.Create(i.Id)!)]),
        })]);
        return node;
    }
}
