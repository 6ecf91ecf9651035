using NodeMonitor.Core.Results;
using System.CommandLine;
using Microsoft.Extensions.Hosting;
using NodeMonitor.Central;
using NodeMonitor.Central.Election;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Etcd;
using NodeMonitor.Notify;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor notify</c>: the long-running sender of failure notifications and its HTTP API.</summary>
internal static class NotifyCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var webhook = new Option<string[]>("--webhook") { Description = "Generic JSON webhook URL (repeatable; adds to notify.webhooks).", HelpName = "URL" };
        var slack = new Option<string[]>("--slack") { Description = "Slack-compatible incoming webhook URL (repeatable).", HelpName = "URL" };
        var hubot = new Option<string[]>("--hubot") { Description = "hubot script endpoint, e.g. http://bot:8080/nodemonitor/notify (repeatable).", HelpName = "URL" };
        var name = new Option<string?>("--name") { Description = "This instance's name in the notify election. Default: the node name.", HelpName = "NAME" };
        var command = new Command("notify", $"""
            Watch etcd's <prefix>failures/ and tell people: new failures, changes of the failing tests and recoveries go
            to webhooks (generic JSON), Slack-compatible webhooks and hubot, grouped per window (notify.groupWindowSeconds,
            default 30) into one message per receiver. Silenced tests are not sent; when a silence ends while the test
            still fails, it is sent then. Runs until stopped; several instances elect one sender. With notify.token set it
            also serves /api/v1/failures and /api/v1/silences on notify.address:notify.port (default 127.0.0.1:{NotifySettings.DefaultPort}).

            Exit codes: 0 stopped, 2 configuration error, 3 state file unreadable or the API port unavailable.

            Examples:
              nodemonitor notify --webhook http://alerts.example/hook
              NODEMONITOR_NOTIFY_TOKEN=s3cret nodemonitor notify --hubot http://127.0.0.1:8080/nodemonitor/notify
            """)
        { config, state, webhook, slack, hubot, name };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state);
            cfg = cfg with
            {
                Notify = cfg.Notify with
                {
                    Webhooks = [.. cfg.Notify.Webhooks, .. parse.GetValue(webhook) ?? []],
                    SlackWebhooks = [.. cfg.Notify.SlackWebhooks, .. parse.GetValue(slack) ?? []],
                    HubotUrls = [.. cfg.Notify.HubotUrls, .. parse.GetValue(hubot) ?? []],
                },
            };
            cfg.Notify.Validate(cfg.SourceFile);
            var etcd = cfg.Etcd ?? throw new ConfigurationException("no etcd section in the configuration; notify watches etcd", cfg.SourceFile, "etcd");
            string candidate = NodeName.Check(parse.GetValue(name) ?? cfg.Node, null, "--name");
            var options = NotifyOptions.From(cfg, etcd.Deadline);
            if (options.Receivers.Count == 0) Log("no receiver configured (notify.webhooks, --webhook, --slack, --hubot): changes are recorded, nothing is sent");

            using var client = EtcdConnection.Create(etcd);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var metrics = new NotifyMetrics();
            var silences = new EtcdSilences(client, etcd);
            var election = new EtcdElection(client, EtcdElection.KeyOf(etcd, "notify"), candidate, TimeSpan.FromSeconds(10));
            var leadership = new EtcdSenderLeadership(election, candidate, etcd.Deadline, Log);
            var service = new NotifyService(client, etcd.FailuresPrefix, silences, options, leadership, http, metrics, TimeProvider.System, Log);

            using var stop = new CancellationTokenSource();
            await using var api = cfg.Notify.Token is { Length: > 0 } token
                ? NotifyApi.Build(cfg.Notify.Address, cfg.Notify.Port, token, new NotifyApiEndpoints(new EtcdFailureRecords(client, etcd), new EtcdNodeLabels(client, etcd), silences,
                    cfg.Notify.MaxSilence, etcd.Deadline, metrics, () => service.Leading, service.SilencesChanged, TimeProvider.System))
                : null;
            if (api is not null)
            {
                try
                {
                    await api.StartAsync(ct);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
                {
                    throw new CouldNotRunException($"cannot listen on {cfg.Notify.Address}:{cfg.Notify.Port}: {e.Message}");
                }
                Log($"API on http://{cfg.Notify.Address}:{cfg.Notify.Port}/api/v1/");
            }
            else Log("notify.token is not set: the HTTP API is off");
            Log($"watching {etcd.FailuresPrefix} as '{candidate}', {Plural.Of(options.Receivers.Count, "receiver")}, state {options.StateFile}");

            // SIGTERM (systemd stop) and Ctrl+C end the service; the term is resigned so a standby takes over at once.
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stop.Token);
            try
            {
                await service.RunAsync(linked.Token);
            }
            catch (NotifyStateException e)
            {
                throw new CouldNotRunException(e.Message);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                // stopped
            }
            if (api is not null) await api.StopAsync(CancellationToken.None);
            Log("stopped");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static void Log(string message) => Console.Out.WriteLine($"nodemonitor notify: {message}");
}
