using NodeMonitor.Core.Listening;

namespace NodeMonitor.Execution.Tests.Support;

internal sealed class ThrowingListener : IRunListener
{
    public int Calls { get; private set; }

    public void OnEvent(RunEvent runEvent)
    {
        Calls++;
        throw new InvalidOperationException("listener broke");
    }
}
