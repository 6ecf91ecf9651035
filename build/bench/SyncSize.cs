// Measures what `nodemonitor sync` uploads (src/NodeMonitor.Central/Sync/PassedResultsObject.cs): the bytes of
// the gzip JSON-lines object for a batch of stored passing runs, for a few plugin shapes. Run it with
// build/bench/sync-size.sh. Nothing is sent anywhere: the objects are built from a temporary local store with the
// same code a sync uses (PassedResultsSync.Preview).
#:project ../../src/NodeMonitor.Central/NodeMonitor.Central.csproj
using System.Diagnostics;
using System.IO.Compression;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

var start = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
Console.WriteLine("runs   plugins x tests   objects   gzip bytes   bytes/run   JSON-lines bytes   build ms");
foreach (var (runs, plugins, tests, interval) in new[]
{
    (144, 10, 100, TimeSpan.FromMinutes(10)),
    (144, 1, 100, TimeSpan.FromMinutes(10)),
    (144, 1, 3, TimeSpan.FromMinutes(10)),
    (1440, 10, 100, TimeSpan.FromMinutes(1)),
    (10_000, 10, 100, TimeSpan.FromMinutes(1)),
})
{
    string state = Path.Combine(Path.GetTempPath(), $"nodemonitor-sync-size-{Environment.ProcessId}");
    if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
    using (var store = LocalStore.Open(state, RetentionPolicy.Default))
    {
        var names = Enumerable.Range(0, plugins).Select(p => $"plugin-{p:00}").ToArray();
        for (int run = 0; run < runs; run++)
        {
            var at = start + interval * run;
            var results = names.Select(name => new PluginResult(name, ["Checks.dll"], PluginStatus.Completed, null, null, null, at,
                TimeSpan.FromMilliseconds(250 + run % 97),
                Enumerable.Range(0, tests).Select(t => new TestCaseResult(name, "Checks.dll", $"Checks.{name}.Fixture{t / 10}.Check{t:000}",
                    $"Checks.{name}.Fixture{t / 10}", $"Check{t:000}", TestOutcome.Passed, null, null, at, TimeSpan.FromMilliseconds(2),
                    null, null, null, 1, [], [])).ToList())).ToList();
            store.Write(new RunResult(RunResult.NewRunId(at), "bench-node", at, at.AddSeconds(2), results));
        }
    }
    using (var ledger = SyncLedger.Open(state))
    {
        var watch = Stopwatch.StartNew();
        var objects = PassedResultsSync.Preview("bench-node", ledger).ToList();
        double ms = watch.Elapsed.TotalMilliseconds;
        long gzip = objects.Sum(o => (long)o.Content.Length);
        long plain = objects.Sum(o => Unzipped(o.Content));
        Console.WriteLine($"{runs,6}   {plugins,3} x {tests,-9}   {objects.Count,7}   {gzip,10}   {gzip / (double)runs,9:F1}   {plain,16}   {ms,8:F0}");
    }
    Directory.Delete(state, recursive: true);
}

static long Unzipped(byte[] content)
{
    using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
    using var counter = new MemoryStream();
    gzip.CopyTo(counter);
    return counter.Length;
}
