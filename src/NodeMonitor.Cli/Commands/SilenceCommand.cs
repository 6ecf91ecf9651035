using System.CommandLine;
using System.Globalization;
using NodeMonitor.Cli.Json;
using NodeMonitor.Central;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Security;
using NodeMonitor.Etcd;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor silence add|list|remove</c>: silences in etcd's <c>&lt;prefix&gt;silences/</c>.</summary>
internal static class SilenceCommand
{
    public static Command Create() => new("silence", """
        Silences stop `nodemonitor notify` from telling people about matching failing tests for a while. They change
        who is told, not what is true: nodes keep failing and reporting. Stored in etcd under <prefix>silences/<id>.

        Exit codes: 0 done, 1 `remove` found no such silence, 2 a refused silence or a usage error, 3 etcd unreachable.
        """)
    {
        Add(),
        List(),
        Remove(),
    };

    private static Command Add()
    {
        var config = CommonOptions.Config();
        var node = new Option<string?>("--node") { Description = "Node name glob (* and ?), e.g. web-* or db1; required unless --label is given.", HelpName = "GLOB" };
        var label = new Option<string[]>("--label") { Description = "Node label matcher name=glob, e.g. rack=r1* (repeatable; all must match).", HelpName = "NAME=GLOB" };
        var plugin = new Option<string?>("--plugin") { Description = "Plugin glob; default every plugin.", HelpName = "GLOB" };
        var test = new Option<string?>("--test") { Description = "Full test name glob; default every test (and plugin errors).", HelpName = "GLOB" };
        var duration = new Option<string?>("--for") { Description = "How long: 90m, 2h, 1d, 1w, 1h30m.", HelpName = "DURATION" };
        var until = new Option<string?>("--until") { Description = "Or until when: 2026-12-01T08:00Z (UTC unless an offset is given).", HelpName = "TIME" };
        var reason = new Option<string>("--reason") { Description = "Why (required; shown to everyone).", Required = true, HelpName = "TEXT" };
        var author = new Option<string?>("--author") { Description = "Who; default the invoking user.", HelpName = "NAME" };
        var format = CommonOptions.Format();
        var command = new Command("add", """
            Add a silence. Refused without a reason, and when longer than notify.maxSilenceDays (default 7 days).

            Examples:
              nodemonitor silence add --node web-3 --for 2h --reason "disk replacement"
              nodemonitor silence add --node 'db*' --plugin disk --test '*Inodes*' --until 2026-12-01T08:00Z --reason "migration"
              nodemonitor silence add --label rack=r1 --label role='db*' --for 4h --reason "rack r1 power work"
            """)
        { config, node, label, plugin, test, duration, until, reason, author, format };
        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var now = DateTimeOffset.UtcNow;
            var silence = Rejected(() =>
            {
                var end = (parse.GetValue(duration), parse.GetValue(until)) switch
                {
                    ({ } d, null) => now + SilenceDuration.Parse(d),
                    (null, { } u) => DateTimeOffset.TryParse(u, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                        ? t : throw new SilenceRejectedException($"'{u}' is not a time such as 2026-12-01T08:00Z"),
                    _ => throw new SilenceRejectedException("give exactly one of --for and --until"),
                };
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, glob) in (parse.GetValue(label) ?? []).Select(SilenceRequest.ParseLabel))
                    if (!labels.TryAdd(name, glob)) throw new SilenceRejectedException($"the label {name} is given twice");
                return new SilenceRequest(parse.GetValue(node), parse.GetValue(plugin), parse.GetValue(test), null, end,
                    parse.GetValue(author) ?? InvokingUser(), parse.GetValue(reason)) { Labels = labels }.Create(now, cfg.Notify.MaxSilence);
            });
            await WithStore(cfg, (store, deadline) => store.AddAsync(silence, deadline, ct));
            if (parse.GetValue(format) == OutputFormat.Json) Console.Out.WriteLine(CliJson.Print(silence));
            else Console.Out.WriteLine($"silence {silence.Id} added: {Describe(silence, now)}");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static Command List()
    {
        var config = CommonOptions.Config();
        var all = new Option<bool>("--all") { Description = "Include expired silences whose keys have not gone yet." };
        var format = CommonOptions.Format();
        var command = new Command("list", """
            List the silences in force or yet to start (with --all, expired ones too).

            Examples:
              nodemonitor silence list
              nodemonitor silence list --all --format json
            """)
        { config, all, format };
        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var now = DateTimeOffset.UtcNow;
            var silences = (await WithStore(cfg, (store, deadline) => store.ListAsync(deadline, ct)))
                .Where(s => parse.GetValue(all) || s.EndsAt > now).ToList();
            if (parse.GetValue(format) == OutputFormat.Json) Console.Out.WriteLine(CliJson.Print(silences));
            else if (silences.Count == 0) Console.Out.WriteLine("No silence.");
            else foreach (var s in silences) Console.Out.WriteLine($"{s.Id}  {Describe(s, now)}");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static Command Remove()
    {
        var config = CommonOptions.Config();
        var id = new Argument<string>("ID") { Description = "The silence's id (from `silence list`)." };
        var command = new Command("remove", """
            Remove a silence now; notify then tells about the failures it covered that still fail.

            Example:
              nodemonitor silence remove 3f9a0c1d2e4b5a67
            """)
        { config, id };
        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            string which = parse.GetValue(id)!;
            bool removed = await WithStore(cfg, (store, deadline) => Rejected(() => store.RemoveAsync(which, deadline, ct)));
            Console.Out.WriteLine(removed ? $"silence {TerminalText.Line(which)} removed" : $"no silence {TerminalText.Line(which)}");
            return removed ? ExitCodes.Passed : ExitCodes.CheckFailed;
        });
        return command;
    }

    /// <summary>One line: what, state, until when, by whom, why.</summary>
    internal static string Describe(Silence s, DateTimeOffset now)
    {
        string state = s.EndsAt <= now ? "expired" : s.StartsAt > now ? $"from {s.StartsAt:u}" : "active";
        return TerminalText.Line($"{s.Matchers}  {state} until {s.EndsAt:u}  by {s.Author}: {s.Reason}");
    }

    /// <summary>The person behind the command, also under sudo.</summary>
    private static string InvokingUser() =>
        Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo ? sudo : Environment.UserName;

    private static T Rejected<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (SilenceRejectedException e)
        {
            throw new ConfigurationException($"silence refused: {e.Message}", null);
        }
    }

    private static async Task<T> WithStore<T>(NodeMonitorConfig cfg, Func<EtcdSilences, DateTime, Task<T>> call)
    {
        var etcd = cfg.Etcd ?? throw new ConfigurationException("no etcd section in the configuration; silences live in etcd", cfg.SourceFile, "etcd");
        using var client = EtcdConnection.Create(etcd);
        try
        {
            return await call(new EtcdSilences(client, etcd), DateTime.UtcNow + etcd.Deadline);
        }
        catch (CentralDeliveryException e)
        {
            throw new CouldNotRunException(e.Message);
        }
    }

    private static Task WithStore(NodeMonitorConfig cfg, Func<EtcdSilences, DateTime, Task> call) =>
        WithStore(cfg, async (store, deadline) =>
        {
            await call(store, deadline);
            return true;
        });
}
