using System.Diagnostics;
using System.Globalization;

namespace NodeMonitor.Tests.Shared;

/// <summary>
/// One real etcd started with build/services/etcd.sh on free loopback ports, its data in a folder of this test process
/// under artifacts/ (deleted when stopped). A test project's [SetUpFixture] owns one and stops it after its tests.
/// </summary>
internal sealed class LoopbackEtcd
{
    private readonly string _servicesDir;
    private readonly int[] _ports;

    private LoopbackEtcd(string servicesDir, int[] ports)
    {
        _servicesDir = servicesDir;
        _ports = ports;
    }

    public int Port => _ports[0];

    public string Url => $"http://127.0.0.1:{Port}";

    /// <param name="suite">Names the data folder: artifacts/services-&lt;suite&gt;-&lt;pid&gt;.</param>
    public static LoopbackEtcd Start(string suite)
    {
        string dir = Path.Combine(RepoRoot, "artifacts", $"services-{suite}-{Environment.ProcessId}");
        return new LoopbackEtcd(dir, LoopbackPorts.StartOnFreePorts(2, ports => Script(dir, "start", ports)));
    }

    public void Stop()
    {
        Script(_servicesDir, "stop", _ports);
        Directory.Delete(_servicesDir, recursive: true);
    }

    public static string RepoRoot { get; } = FindRepo();

    private static void Script(string servicesDir, string verb, int[] ports) => RunScript("etcd.sh", new Dictionary<string, string>
    {
        ["NM_SERVICES_DIR"] = servicesDir,
        ["NM_ETCD_PORT"] = ports[0].ToString(CultureInfo.InvariantCulture),
        ["NM_ETCD_PEER_PORT"] = ports[1].ToString(CultureInfo.InvariantCulture),
    }, verb);

    /// <summary>Runs build/services/<paramref name="name"/> with <paramref name="args"/> in <paramref name="environment"/>;
    /// its stdout, or an exception with both outputs when it fails.</summary>
    public static string RunScript(string name, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepoRoot, "build", "services", name)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{name} {string.Join(' ', args)} exited {process.ExitCode}: {stdout.Result}\n{stderr}");
        return stdout.Result;
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NodeMonitor.sln not found above the test directory");
    }
}
