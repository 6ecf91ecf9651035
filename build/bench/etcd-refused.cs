#:project ../../src/NodeMonitor.Etcd/NodeMonitor.Etcd.csproj
#:property PublishAot=false
// How long a report call takes to learn that etcd refuses connections (a stopped etcd), against the
// baseline of a black hole (a port that accepts and never answers), which costs the call's whole deadline.
// Usage: dotnet run build/bench/etcd-refused.cs [calls] [deadline-seconds]
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Etcd;

int calls = args.Length > 0 ? int.Parse(args[0]) : 5;
double deadline = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;

int refusedPort;
using (var probe = new TcpListener(IPAddress.Loopback, 0))
{
    probe.Start();
    refusedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
}
using var blackHole = new TcpListener(IPAddress.Loopback, 0);
blackHole.Start(backlog: 64);

double refused = Median(refusedPort, "refused");
double hung = Median(((IPEndPoint)blackHole.LocalEndpoint).Port, "black hole");
Console.WriteLine($"refused: median {refused:0.000} s per call; black hole (baseline): median {hung:0.000} s; " +
                  $"ratio {refused / hung:0.000} (deadline {deadline} s, {calls} calls each, a fresh client per call)");

double Median(int port, string name)
{
    var times = new List<double>();
    for (int i = 0; i < calls; i++)
    {
        var settings = new EtcdSettings([$"http://127.0.0.1:{port}"]);
        using var client = EtcdConnection.Create(settings);
        var records = new EtcdFailureRecords(client, settings);
        var clock = Stopwatch.StartNew();
        string outcome = "written";
        try
        {
            records.PutIfDifferentAsync("bench", "{}", DateTime.UtcNow.AddSeconds(deadline), CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (CentralDeliveryException e)
        {
            outcome = e.Message;
        }
        times.Add(clock.Elapsed.TotalSeconds);
        if (i == 0) Console.WriteLine($"{name}: {outcome}");
    }
    times.Sort();
    return times[times.Count / 2];
}
