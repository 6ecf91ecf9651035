// Measures the local store (src/NodeMonitor.Core/Storage): file size after simulated days of
// one-minute runs, and the time of each LocalStore.Write. Run it with build/bench/store-size.sh.
#:project ../../src/NodeMonitor.Core/NodeMonitor.Core.csproj
using System.Diagnostics;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;

int days = args.Length > 0 ? int.Parse(args[0]) : 1;
const int Plugins = 10, TestsPerPlugin = 100, FlipEvery = 60, RunsPerDay = 24 * 60;
// STORE_SIZE_KEEP=<dir> keeps the store there for a look with sqlite3 (e.g. its dbstat table).
string? keep = Environment.GetEnvironmentVariable("STORE_SIZE_KEEP");
string state = keep ?? Path.Combine(Path.GetTempPath(), $"nodemonitor-store-size-{Environment.ProcessId}");
if (Directory.Exists(state)) if (keep is null) Directory.Delete(state, recursive: true);

var start = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
var names = Enumerable.Range(0, Plugins).Select(p => $"plugin-{p:00}").ToArray();
var times = new List<double>();
double firstWrite = 0;
string databasePath;
using (var store = LocalStore.Open(state, RetentionPolicy.Default))
{
    databasePath = store.DatabasePath;
    for (int run = 0; run < days * RunsPerDay; run++)
    {
        var at = start.AddMinutes(run);
        // One test flips state every 60 runs: passes for 60 runs, fails for 60, and so on.
        bool flipperFails = run / FlipEvery % 2 == 1;
        var plugins = names.Select(name => new PluginResult(name, ["Checks.dll"], PluginStatus.Completed, null, null, null,
            at, TimeSpan.FromMilliseconds(300),
            Enumerable.Range(0, TestsPerPlugin).Select(t =>
            {
                bool fails = flipperFails && name == names[0] && t == 0;
                return new TestCaseResult(name, "Checks.dll", $"Checks.{name}.Fixture{t / 10}.Check{t:000}",
                    $"Checks.{name}.Fixture{t / 10}", $"Check{t:000}", fails ? TestOutcome.Failed : TestOutcome.Passed,
                    null, fails ? "Test" : null, at, TimeSpan.FromMilliseconds(2),
                    fails ? "Expected: less than 90 But was: 92" : null,
                    fails ? "at Checks.Disk.Check000() in /src/Checks/Disk.cs:line 17" : null,
                    fails ? new string('o', 1024) : null, 1, [], []);
            }).ToList())).ToList();
        var result = new RunResult(RunResult.NewRunId(at), "bench-node", at, at.AddSeconds(2), plugins);

        var watch = Stopwatch.StartNew();
        store.Write(result);
        times.Add(watch.Elapsed.TotalMilliseconds);
        if (run == 0) firstWrite = times[0];
    }
}

long size = new FileInfo(databasePath).Length;
long wal = File.Exists(databasePath + "-wal") ? new FileInfo(databasePath + "-wal").Length : 0;
times.Sort();
double Percentile(double p) => times[(int)Math.Min(times.Count - 1, Math.Floor(p * times.Count))];
Console.WriteLine($"runs: {times.Count} ({days} day(s) of one-minute runs), {Plugins} plugins x {TestsPerPlugin} passing tests, one test flipping every {FlipEvery} runs (1 KiB output when failing)");
Console.WriteLine($"store file after close: {size / 1024.0 / 1024.0:F2} MiB ({size} bytes), WAL left: {wal} bytes; {size / (double)times.Count:F0} bytes per run");
Console.WriteLine($"30 days at this rate: {size / (double)days * 30 / 1024 / 1024:F1} MiB (retention default: 30 days / 256 MiB)");
Console.WriteLine($"Write ms: first {firstWrite:F1}, min {times[0]:F2}, median {Percentile(0.5):F2}, p95 {Percentile(0.95):F2}, p99 {Percentile(0.99):F2}, max {times[^1]:F1}, mean {times.Average():F2}");
if (keep is null) Directory.Delete(state, recursive: true);
