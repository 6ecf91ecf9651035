using System.Text.Json;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>The published <c>nodemonitor notify</c> killed with SIGKILL in the middle of a storm (no chance to save
/// anything more) and started again on the same state file: every change reaches the receiver, none twice.</summary>
[Category("Integration")]
public sealed class KilledNotifyTests
{
    [Test]
    public async Task KilledMidStormAndRestartedItNeitherRepeatsNorLosesAChange()
    {
        using var dir = new TemporaryDirectory();
        using var receiver = new RecordingReceiver();
        string prefix = RealEtcd.NewPrefix();
        using var etcd = RealEtcd.Client(prefix);
        string config = dir.Combine("nodemonitor.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            node = "notify-killed",
            stateDirectory = dir.Combine("state"),
            etcd = new { endpoints = new[] { RealEtcd.Url }, prefix, deadlineSeconds = 3 },
            notify = new { groupWindowSeconds = 1, maxNodesPerMessage = 1000, webhooks = new[] { receiver.Url } },
        }));

        var first = NotifyProcess.Start(config);
        try
        {
            await Records.FailAsync(etcd, prefix, "first", "disk: Root.HasSpace");
            await Records.EventuallyAsync(() => receiver.Changes.Count == 1, TimeSpan.FromSeconds(30), "notify watching");
            // 300 nodes fail, every third recovers a moment later: 400 more changes.
            var writer = Task.Run(async () =>
            {
                for (int i = 0; i < 300; i++)
                {
                    await Records.FailAsync(etcd, prefix, $"node{i:D3}", "disk: Root.HasSpace");
                    if (i % 3 == 0) await Records.RecoverAsync(etcd, prefix, $"node{i:D3}");
                    if (i % 20 == 0) await Task.Delay(100);
                }
            });
            await Records.EventuallyAsync(() => receiver.Changes.Count > 1, TimeSpan.FromSeconds(30), "a first message of the storm");
            first.Kill();
            await first.WaitForExitAsync();
            int beforeKill = receiver.Changes.Count - 1;
            await writer;

            using var again = NotifyProcess.Start(config);
            try
            {
                await Records.EventuallyAsync(() => receiver.Changes.Count >= 401, TimeSpan.FromSeconds(60), "every change of the storm");
                await Task.Delay(TimeSpan.FromSeconds(4));
            }
            finally
            {
                again.Kill();
                await again.WaitForExitAsync();
            }
            var changes = receiver.Changes;
            TestContext.Out.WriteLine($"{beforeKill} changes before SIGKILL; {receiver.Distinct.Count} messages ({receiver.Accepted.Count} deliveries): " +
                                      string.Join(" ", changes.GroupBy(c => c.Kind).Select(g => $"{g.Key}={g.Count()}")));
            Assert.That(changes, Is.Unique, "no change told twice (a message delivered again carries the same id)");
            Assert.That(changes.Count(c => c.Kind == "failing"), Is.EqualTo(301), "no failure lost");
            Assert.That(changes.Count(c => c.Kind == "recovered"), Is.EqualTo(100), "no recovery lost");
            Assert.That(beforeKill, Is.InRange(1, 399), "the kill fell inside the storm");
        }
        finally
        {
            if (!first.HasExited) first.Kill();
            first.Dispose();
            await etcd.DeleteRangeAsync(prefix);
        }
    }
}
