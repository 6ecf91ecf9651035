using NodeMonitor.Core.Listening;

namespace NodeMonitor.Execution.Tests.Support;

/// <summary>Records every event, and whether two calls ever overlapped.</summary>
internal sealed class CollectingListener : IRunListener
{
    private int _inside;

    public List<RunEvent> Events { get; } = [];

    public bool SawConcurrentCalls { get; private set; }

    public void OnEvent(RunEvent runEvent)
    {
        if (Interlocked.Increment(ref _inside) > 1) SawConcurrentCalls = true;
        Thread.SpinWait(1000); // widen the window in which an overlapping call would be seen
        Events.Add(runEvent);
        Interlocked.Decrement(ref _inside);
    }
}
