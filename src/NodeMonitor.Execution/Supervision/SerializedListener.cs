using NodeMonitor.Core.Listening;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// Keeps the <see cref="IRunListener"/> contract for parallel plugins: one call at a time, and a listener
/// that throws is reported once on stderr and detached while the run goes on.
/// </summary>
internal sealed class SerializedListener(IRunListener listener, TextWriter errors)
{
    private readonly Lock _gate = new();
    private bool _detached;

    public void Deliver(RunEvent runEvent)
    {
        lock (_gate)
        {
            if (_detached) return;
            try
            {
                listener.OnEvent(runEvent);
            }
            catch (Exception e)
            {
                _detached = true;
                errors.WriteLine($"nodemonitor: listener {listener.GetType().Name} threw {e.GetType().Name} on {runEvent.GetType().Name}: {e.Message}; it gets no more events of this run");
            }
        }
    }
}
