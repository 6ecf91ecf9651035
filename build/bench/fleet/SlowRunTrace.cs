namespace NodeMonitor.Fleet;

/// <summary>
/// One line per node run that took longer than <see cref="Threshold"/> (real time), to tell what held it: its central
/// calls (summed, and the slowest), the rest of the run (the node's store, waiting for a thread), the GC pauses during
/// it, and the thread pool at its end. Written to its own file, beside the per-minute table; the count goes to the
/// summary.
/// </summary>
public sealed class SlowRunTrace(string path)
{
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private StreamWriter? _file;

    public int Count { get; private set; }

    public string Path => path;

    public void IfSlow(int minute, string node, TimeSpan took, RunTally tally, TimeSpan gcPaused, string? error)
    {
        if (took < Threshold) return;
        double ms = took.TotalMilliseconds;
        string line = $"minute {minute,3} {node}: {ms,8:0} ms, {tally.Calls} calls {tally.CallMs,8:0} ms (slowest {tally.SlowestCallMs,7:0} ms), " +
                      $"outside calls {ms - tally.CallMs,8:0} ms, GC paused {gcPaused.TotalMilliseconds,6:0} ms, " +
                      $"thread pool {ThreadPool.ThreadCount} threads {ThreadPool.PendingWorkItemCount} queued" +
                      (error is null ? "" : $", error: {error}");
        lock (_gate)
        {
            _file ??= new StreamWriter(path, append: false) { AutoFlush = true };
            _file.WriteLine(line);
            Count++;
        }
    }
}
