namespace NodeMonitor.Metrics.Tests;

/// <summary>A fresh state directory per test, removed afterwards.</summary>
internal sealed class TemporaryState : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "nm-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
