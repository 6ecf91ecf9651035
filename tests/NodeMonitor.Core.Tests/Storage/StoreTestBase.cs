using NUnit.Framework;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Core.Tests.LocalStorage;

/// <summary>Storage tests: a fresh, empty state directory for each test, deleted after it.</summary>
public abstract class StoreTestBase
{
    /// <summary>A fixed start time, so stored times and retention ages are exact.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    protected TemporaryDirectory StateDirectory { get; private set; } = null!;

    [SetUp]
    public void CreateStateDirectory() => StateDirectory = new TemporaryDirectory();

    [TearDown]
    public void DeleteStateDirectory() => StateDirectory.Dispose();
}
