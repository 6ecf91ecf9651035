using System.Diagnostics;
using System.Text.Json;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>
/// samples/hubot's script in the real hubot package from npm (its own test, samples/hubot/test/room.test.mjs, with an
/// in-memory adapter), against the published <c>nodemonitor notify</c> and a real etcd: a failure reaches the room,
/// <c>nm silence</c> stops the next one, its expiry brings it back, and so does <c>nm unsilence</c>.
/// Needs build/build.sh (artifacts/bin/nodemonitor), node and npm (build/apt-packages.txt), and npm's registry for the
/// first <c>npm install</c>.
/// </summary>
[Category("Integration")]
public sealed class HubotAgainstNotifyTests
{
    [Test]
    public async Task TheHubotScriptShowsFailuresAndSilencesFromChatAgainstARealNotify()
    {
        string hubotDir = Path.Combine(RealEtcd.Root, "samples", "hubot");
        if (!Directory.Exists(Path.Combine(hubotDir, "node_modules", "hubot")))
            Run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], hubotDir, new Dictionary<string, string>(), TimeSpan.FromMinutes(5));

        using var dir = new TemporaryDirectory();
        string prefix = RealEtcd.NewPrefix();
        using var etcd = RealEtcd.Client(prefix);
        int hubotPort = RecordingReceiver.FreePort();
        int apiPort = RecordingReceiver.FreePort();
        string token = Guid.NewGuid().ToString("N");
        string config = dir.Combine("nodemonitor.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            node = "notify-test",
            stateDirectory = dir.Combine("state"),
            etcd = new { endpoints = new[] { RealEtcd.Url }, prefix, deadlineSeconds = 3 },
            notify = new { groupWindowSeconds = 1, token, port = apiPort, hubotUrls = new[] { $"http://127.0.0.1:{hubotPort}/nodemonitor/notify" } },
        }));

        using var notify = NotifyProcess.Start(config);
        try
        {
            await Records.EventuallyAsync(() => Healthy(apiPort, token), TimeSpan.FromSeconds(30), "notify's API answering");
            var output = Run("node", ["--test", "--test-concurrency=1", "test/"], hubotDir, new Dictionary<string, string>
            {
                ["ETCD_ENDPOINT"] = RealEtcd.Url,
                ["NM_PREFIX"] = prefix,
                ["NODEMONITOR_NOTIFY_URL"] = $"http://127.0.0.1:{apiPort}",
                ["NODEMONITOR_NOTIFY_TOKEN"] = token,
                ["NODEMONITOR_ROOM"] = "ops",
                ["EXPRESS_PORT"] = hubotPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["EXPRESS_BIND_ADDRESS"] = "127.0.0.1",
            }, TimeSpan.FromMinutes(3));
            TestContext.Out.WriteLine(output);
            Assert.That(output, Does.Contain("# fail 0").And.Contain("# pass 5"));
        }
        finally
        {
            notify.Kill(entireProcessTree: true);
            notify.WaitForExit();
            TestContext.Out.WriteLine(await notify.StandardOutput.ReadToEndAsync());
            await etcd.DeleteRangeAsync(prefix);
        }
    }

    private static bool Healthy(int port, string token)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        try
        {
            return http.GetAsync($"http://127.0.0.1:{port}/healthz").Result.IsSuccessStatusCode;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private static string Run(string file, string[] args, string workingDirectory, Dictionary<string, string> environment, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {limit}");
        }
        string output = $"{stdout.Result}\n{stderr.Result}";
        if (process.ExitCode != 0) Assert.Fail($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{output}");
        return output;
    }
}
