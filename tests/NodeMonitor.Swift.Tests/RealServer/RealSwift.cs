using System.Diagnostics;
using NodeMonitor.Tests.Shared;

namespace NodeMonitor.Swift.Tests.RealServer;

/// <summary>A real Swift all-in-one (tempauth) from build/services/swift.sh on free loopback ports chosen for this test
/// process, with data under artifacts/ in a folder of this process, so it never meets a developer's Swift, another test
/// project's or another run of this one.</summary>
[SetUpFixture]
public sealed class RealSwift
{
    // proxy, object, container and account servers, memcached.
    private static int[] _ports = [];

    public static int ProxyPort => _ports[0];
    public const string User = "test:tester";
    public const string Key = "testing";
    public static string Root { get; } = FindRepo();
    public static string Dir { get; } = Path.Combine(Root, "artifacts", $"services-swift-tests-{Environment.ProcessId}");
    public static string AuthUrl => $"http://127.0.0.1:{ProxyPort}/auth/v1.0";
    public static string StorageUrl => $"http://127.0.0.1:{ProxyPort}/v1/AUTH_test";
    public static string ProxyLog => Path.Combine(Dir, "swift", "log", "proxy.log");

    [OneTimeSetUp]
    public void Start() => LoopbackPorts.StartOnFreePorts(5, ports =>
    {
        _ports = ports;
        Script("start");
    });

    [OneTimeTearDown]
    public void Stop()
    {
        Script("stop");
        Directory.Delete(Dir, recursive: true);
    }

    /// <summary>A fresh tempauth token, as Swift's own auth hands it out.</summary>
    public static async Task<string> TempAuthTokenAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AuthUrl);
        request.Headers.Add("X-Auth-User", User);
        request.Headers.Add("X-Auth-Key", Key);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Auth-Token").Single();
    }

    /// <summary>Client requests the proxy logged (its own sub-requests start with "- -").</summary>
    public static int ProxyRequests() =>
        File.Exists(ProxyLog) ? File.ReadLines(ProxyLog).Count(l => l.StartsWith("proxy-server: 127.0.0.1 127.0.0.1 ", StringComparison.Ordinal)) : 0;

    private static void Script(string verb)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "build", "services", "swift.sh"), verb)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NM_SERVICES_DIR"] = Dir;
        string[] names = ["NM_SWIFT_PORT", "NM_SWIFT_OBJECT_PORT", "NM_SWIFT_CONTAINER_PORT", "NM_SWIFT_ACCOUNT_PORT", "NM_MEMCACHED_PORT"];
        for (int i = 0; i < names.Length; i++) start.Environment[names[i]] = _ports[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"swift.sh {verb} exited {process.ExitCode}: {stdout.Result}\n{stderr}");
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NodeMonitor.sln not found above the test directory");
    }
}
