namespace NodeMonitor.Core.Listening;

/// <summary>
/// Receives a run's events (the idea of NUnit's ITestEventListener, typed).
/// Contract: the host calls <see cref="OnEvent"/> from one thread at a time, never concurrently,
/// so implementations need no locking; a listener must return quickly and must not throw
/// (a throwing listener is reported and detached, the run goes on).
/// </summary>
public interface IRunListener
{
    void OnEvent(RunEvent runEvent);
}
