using NUnit.Framework;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

// Not NodeMonitor.Core.Tests.Storage: that would shadow NodeMonitor.Core.Storage for "Storage.X" in sibling test namespaces.
namespace NodeMonitor.Core.Tests.LocalStorage;

/// <summary><c>nodemonitor serve</c> reads while <c>nodemonitor run</c> writes: each side has its own store and connections.</summary>
public sealed class LocalStoreConcurrencyTests : StoreTestBase
{
    [Test]
    public void AReaderSeesOnlyWholeRunsWhileRunsAreWritten()
    {
        const int runs = 150;
        // A short age, so the reader keeps listing runs that the writer's retention is about to delete.
        using var writer = LocalStore.Open(StateDirectory.Path, new RetentionPolicy(TimeSpan.FromMinutes(5), long.MaxValue));
        using var reader = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        var problems = new List<string>();
        int reads = 0;

        var writing = Task.Run(() =>
        {
            for (int i = 0; i < runs; i++) writer.Write(RunNumber(i));
        });
        var reading = Task.Run(() =>
        {
            try
            {
                do
                {
                    var last = reader.LastRun();
                    if (last is not null) problems.AddRange(Inconsistencies(last));
                    var recent = reader.Runs(limit: 10);
                    problems.AddRange(recent.SelectMany(Inconsistencies));
                    if (!recent.Select(r => r.StartTime).SequenceEqual(recent.Select(r => r.StartTime).OrderDescending()))
                        problems.Add("runs are not newest first");
                    if (reader.CurrentStates().Count(s => !s.IsPluginLevel) is not (0 or 60) and var count)
                        problems.Add($"{count} test states instead of 60");
                    reads++;
                } while (!writing.IsCompleted);
            }
            catch (Exception e)
            {
                problems.Add(e.ToString());
            }
        });
        Task.WaitAll(writing, reading);

        Assert.That(problems, Is.Empty);
        Assert.That(reads, Is.GreaterThan(0));
        Assert.That(reader.LastRun()!.StartTime, Is.EqualTo(T0.AddMinutes(runs - 1)));
    }

    [Test]
    public void TwoWritersAtOnceBothSucceed()
    {
        using var first = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        using var second = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);

        Parallel.Invoke(
            () => { for (int i = 0; i < 40; i++) first.Write(RunNumber(2 * i)); },
            () => { for (int i = 0; i < 40; i++) second.Write(RunNumber(2 * i + 1)); });

        Assert.That(first.Runs(limit: 100), Has.Count.EqualTo(80));
    }

    /// <summary>3 plugins x 20 tests; run i fails tests 0..(i mod 5) of every plugin, so states change often.</summary>
    private static RunResult RunNumber(int i)
    {
        var builder = new RunResultBuilder(T0.AddMinutes(i));
        foreach (var plugin in new[] { "disk", "ntp", "web" })
        {
            for (int t = 0; t < 20; t++)
            {
                string name = $"{plugin}.Check{t:00}";
                if (t < i % 5) builder.Failed(plugin, name); else builder.Passed(plugin, name);
            }
        }
        return builder.Build();
    }

    private static IEnumerable<string> Inconsistencies(StoredRun run)
    {
        if (run.Plugins.Count != 3) yield return $"{run.RunId}: {run.Plugins.Count} plugins";
        var summed = run.Plugins.Aggregate(OutcomeCounts.Zero, (sum, p) => sum + p.Counts);
        if (summed != run.Counts) yield return $"{run.RunId}: plugin counts {summed} differ from run counts {run.Counts}";
        int failedRows = run.Tests.Count(t => t.Outcome == TestOutcome.Failed);
        if (failedRows != run.Counts.Failed) yield return $"{run.RunId}: {failedRows} failure rows for {run.Counts.Failed} failures";
    }
}
