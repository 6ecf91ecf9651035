using System.CommandLine;
using NodeMonitor.Cli.Json;
using System.Text.Json.Nodes;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Security;
using NodeMonitor.Etcd;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor failures</c>: the failing nodes, as etcd has them.</summary>
internal static class FailuresCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var format = CommonOptions.Format();
        var command = new Command("failures", """
            List the nodes that report a failure, from etcd's <prefix>failures/ keys: since when, how many
            failing tests, the link to the failure bundle in Swift, and which failing tests a silence covers (by whom,
            until when; see `nodemonitor silence`). Needs the etcd section in the configuration.

            Exit codes: 0 no node is failing, 1 at least one is, 2 no etcd configured, 3 etcd unreachable.

            Examples:
              nodemonitor failures
              nodemonitor failures --format json
            """)
        { config, format };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var etcd = cfg.Etcd ?? throw new ConfigurationException("no etcd section in the configuration; `failures` reads etcd", cfg.SourceFile, "etcd");
            using var client = EtcdConnection.Create(etcd);
            IReadOnlyList<FailureRecord> records;
            IReadOnlyList<Silence> silences;
            IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> labels;
            DateTimeOffset now;
            try
            {
                records = await new EtcdFailureRecords(client, etcd).ListAsync(DateTime.UtcNow + etcd.Deadline, ct);
                silences = await new EtcdSilences(client, etcd).ListAsync(DateTime.UtcNow + etcd.Deadline, ct);
                now = DateTimeOffset.UtcNow;
                labels = await new EtcdNodeLabels(client, etcd).ReadIfNeededAsync(silences, records.Select(r => r.Node), now,
                    DateTime.UtcNow + etcd.Deadline, ct);
            }
            catch (CentralDeliveryException e)
            {
                throw new CouldNotRunException(e.Message);
            }

            var seen = records.Select(r => SilencedFailure.Of(r, silences, now, labels.GetValueOrDefault(r.Node))).ToList();
            if (parse.GetValue(format) == OutputFormat.Json)
                Console.Out.WriteLine(new JsonArray([.. seen.Select(SilenceJson.WithSilences)]).ToJsonString(CliJson.Printed));
            else if (records.Count == 0)
                Console.Out.WriteLine("No node is failing.");
            else
            {
                foreach (var f in seen)
                {
                    var r = f.Record;
                    Console.Out.WriteLine($"{TerminalText.Line(r.Node)}  failing for {StatusCommand.Ago(now - r.FirstFailedAt)}  {Plural.Of(r.FailingTotal, "failing test")}" +
                                          $"{(r.PluginErrors.Count > 0 ? $", {Plural.Of(r.PluginErrors.Count, "plugin error")}" : "")}  run {TerminalText.Line(r.RunId)}" +
                                          (f.FullySilenced ? "  SILENCED" : ""));
                    foreach (var item in f.Items)
                        Console.Out.WriteLine($"    {(item.Test is null ? "plugin error: " : "")}{TerminalText.Line(item.Id)}{SilenceJson.Note(item.SilencedBy)}");
                    if (f.UnlistedTests > 0) Console.Out.WriteLine($"    ... and {f.UnlistedTests} more{SilenceJson.Note(f.UnlistedSilencedBy)}");
                    if ((r.TempUrl ?? r.ObjectUrl) is { } link) Console.Out.WriteLine($"    {TerminalText.Line(link)}");
                }
            }
            return records.Count == 0 ? ExitCodes.Passed : ExitCodes.CheckFailed;
        });
        return command;
    }
}
