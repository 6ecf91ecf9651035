using System.CommandLine;
using Microsoft.Extensions.Hosting;
using NodeMonitor.Central;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Storage;
using NodeMonitor.Cli.Wiring;
using NodeMonitor.Etcd;
using NodeMonitor.Http;
using NodeMonitor.Metrics;

namespace NodeMonitor.Cli.Commands;

/// <summary><c>nodemonitor serve</c>: the local web view (dashboard, /metrics, /healthz, /api/v1) over the local store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var state = CommonOptions.State();
        var node = CommonOptions.Node();
        var address = new Option<string?>("--address") { Description = "Address to bind. Default: serve.address, 127.0.0.1. Off loopback, serve.token is required.", HelpName = "IP" };
        var port = new Option<int?>("--port") { Description = $"Port to listen on. Default: serve.port, {ServeSettings.DefaultPort}.", HelpName = "PORT" };
        var command = new Command("serve", $"""
            Serve this node's results and metrics over HTTP until stopped: the dashboard at /, Prometheus text at
            /metrics, /healthz (200 when the last run passed, 503 when not), JSON at /api/v1/status, /api/v1/runs
            and /api/v1/metrics. Reads the local store; runs keep writing it meanwhile. With an etcd section the
            dashboard also marks failing checks a silence covers (etcd read at most every 30 s, 2 s deadline).

            Examples:
              nodemonitor serve                      # http://127.0.0.1:{ServeSettings.DefaultPort}/
              nodemonitor serve --port 8080
              NODEMONITOR_SERVE_TOKEN=s3cret nodemonitor serve --address 0.0.0.0
            """)
        { config, state, node, address, port };

        command.SetAction(async (parse, ct) =>
        {
            var cfg = CommonOptions.Load(parse, config, state: state, node: node);
            if (parse.GetValue(address) is { } a) cfg = cfg with { Serve = cfg.Serve with { Address = a } };
            if (parse.GetValue(port) is { } p) cfg = cfg with { Serve = cfg.Serve with { Port = p } };
            cfg.Serve.Validate(cfg.SourceFile);

            // Read-only once a run stored something; before the first run it creates the (empty) store to serve.
            using var database = File.Exists(Path.Combine(cfg.StateDirectory, LocalStore.DatabaseFileName))
                ? CommandStore.OpenReadOnly(cfg)
                : CommandStore.OpenWritable(cfg);
            var results = LocalStore.On(database, cfg.Retention);
            var metrics = MetricStore.On(database, NodePipeline.Retention(cfg));
            // With an etcd section the dashboard marks this node's failing checks that a silence covers.
            using var etcd = cfg.Etcd is { } etcdSettings ? EtcdConnection.Create(etcdSettings) : null;
            var options = new WebViewOptions(cfg.Node, cfg.Serve.Address, cfg.Serve.Port, cfg.Serve.Token)
            {
                Silences = etcd is null ? null : new DashboardSilences(new EtcdSilences(etcd, cfg.Etcd!), cfg.Labels,
                    DashboardSilences.DefaultDeadline, DashboardSilences.DefaultKeepFor, TimeProvider.System),
            };
            await using var app = WebView.Build(options, results, metrics, TimeProvider.System);
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                throw new CouldNotRunException($"cannot listen on {cfg.Serve.Address}:{cfg.Serve.Port}: {e.Message}");
            }
            Console.Out.WriteLine($"nodemonitor: serving {cfg.Node} on http://{Host(cfg.Serve.Address)}:{cfg.Serve.Port}/ " +
                                  $"(store {results.DatabasePath}); Ctrl+C to stop");
            // Returns on SIGTERM (systemd stop; ASP.NET Core's console lifetime takes that signal) or Ctrl+C.
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Passed;
        });
        return command;
    }

    private static string Host(string address)
    {
        if (address == "localhost") return address;
        string bound = ServeSettings.BindAddress(address).ToString();
        return bound.Contains(':', StringComparison.Ordinal) ? $"[{bound}]" : bound;
    }
}
