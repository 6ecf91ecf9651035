using System.Text.Json;
using NodeMonitor.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>The published CLI against a real etcd: <c>silence add --label</c>, <c>silence list</c> and <c>failures</c>
/// judging label matchers by the labels in the nodes' heartbeats.</summary>
[Category("Integration")]
public sealed class SilenceCliTests
{
    [Test]
    public async Task ASilenceByLabelFromTheCliCoversInFailuresOnlyTheNodesWhoseHeartbeatsCarryThoseLabels()
    {
        using var dir = new TemporaryDirectory();
        string prefix = RealEtcd.NewPrefix();
        using var etcd = RealEtcd.Client(prefix);
        string config = dir.Combine("nodemonitor.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            node = "ops",
            stateDirectory = dir.Combine("state"),
            etcd = new { endpoints = new[] { RealEtcd.Url }, prefix, deadlineSeconds = 3 },
        }));
        try
        {
            var added = NotifyProcess.Run("silence", "add", "--label", "rack=r1", "--label", "role=db*", "--for", "1h", "--reason", "rack r1 power",
                "--author", "alice", "--config", config);
            Assert.That(added.ExitCode, Is.EqualTo(0), added.Stderr);
            Assert.That(added.Stdout, Does.Contain("node * label rack=r1 label role=db*").And.Contain("by alice: rack r1 power"));
            var listed = JsonDocument.Parse(NotifyProcess.Run("silence", "list", "--format", "json", "--config", config).Stdout).RootElement;
            Assert.That(listed[0].GetProperty("labels").GetProperty("role").GetString(), Is.EqualTo("db*"));

            await Records.HeartbeatAsync(etcd, prefix, "db1", new() { ["rack"] = "r1", ["role"] = "dbmaster" });
            await Records.HeartbeatAsync(etcd, prefix, "db2", new() { ["rack"] = "r2", ["role"] = "db" });
            foreach (string node in new[] { "db1", "db2", "db3" }) await Records.FailAsync(etcd, prefix, node, "disk: Root.HasSpace");
            var failures = NotifyProcess.Run("failures", "--format", "json", "--config", config);
            Assert.That(failures.ExitCode, Is.EqualTo(1), failures.Stderr);
            var silenced = JsonDocument.Parse(failures.Stdout).RootElement.EnumerateArray()
                .ToDictionary(f => f.GetProperty("node").GetString()!, f => f.GetProperty("silenced").GetBoolean());
            Assert.That(silenced, Is.EqualTo(new Dictionary<string, bool> { ["db1"] = true, ["db2"] = false, ["db3"] = false }),
                "db2 is in another rack; db3 has no heartbeat, so its labels are unknown");

            var refused = NotifyProcess.Run("silence", "add", "--label", "rack", "--for", "1h", "--reason", "x", "--config", config);
            Assert.That((refused.ExitCode, refused.Stderr), Is.EqualTo((2, "nodemonitor: error: silence refused: a label matcher is name=glob, e.g. rack=r1*; found \"rack\"\n")));
        }
        finally
        {
            await etcd.DeleteRangeAsync(prefix);
        }
    }

    [Test]
    public async Task StatusSilencesJudgesLabelMatchersByTheNodesConfiguredLabels()
    {
        using var dir = new TemporaryDirectory();
        string prefix = RealEtcd.NewPrefix();
        using var etcd = RealEtcd.Client(prefix);
        StoreFailingRun(dir.Combine("state"), "db7");
        var silences = new EtcdSilences(etcd, RealEtcd.Settings(prefix));
        var now = DateTimeOffset.UtcNow;
        await silences.AddAsync(new SilenceRequest(null, "disk", null, null, now.AddHours(1), "alice", "rack r1 power")
        {
            Labels = new Dictionary<string, string> { ["rack"] = "r1*" },
        }.Create(now, TimeSpan.FromDays(7)), DateTime.UtcNow.AddSeconds(3), CancellationToken.None);
        try
        {
            Assert.That(Status(dir, prefix, "r1a").Stdout, Does.Contain("[silenced by alice until").And.Contain("rack r1 power"));
            Assert.That(Status(dir, prefix, "r2").Stdout, Does.Not.Contain("silenced by"));
        }
        finally
        {
            await etcd.DeleteRangeAsync(prefix);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Status(TemporaryDirectory dir, string prefix, string rack)
    {
        string config = dir.Combine($"nodemonitor-{rack}.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            node = "db7",
            labels = new Dictionary<string, string> { ["rack"] = rack },
            stateDirectory = dir.Combine("state"),
            etcd = new { endpoints = new[] { RealEtcd.Url }, prefix, deadlineSeconds = 3 },
        }));
        var status = NotifyProcess.Run("status", "--silences", "--config", config);
        Assert.That(status.ExitCode, Is.EqualTo(1), status.Stderr);
        return status;
    }

    private static void StoreFailingRun(string stateDirectory, string node)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var test = new TestCaseResult("disk", "Disk.dll", "Disk.Checks.RootHasFreeSpace", "Disk.Checks", "RootHasFreeSpace", TestOutcome.Failed, null, null,
            start, TimeSpan.FromMilliseconds(20), "Expected: at least 10 %", null, null, 1, [], []);
        using var store = LocalStore.Open(stateDirectory, RetentionPolicy.Default);
        store.Write(new RunResult(RunResult.NewRunId(start), node, start, start.AddSeconds(2),
            [new PluginResult("disk", ["Disk.dll"], PluginStatus.Completed, null, null, null, start, TimeSpan.FromSeconds(2), [test])]));
    }
}
