using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests;

/// <summary>Publishes the fixture plugins once, before any test in this namespace needs them.</summary>
[SetUpFixture]
public sealed class FixturesPublished
{
    [OneTimeSetUp]
    public void PublishFixturesWhenMissing() => Assert.That(Directory.Exists(FixturePlugins.Root), Is.True);
}
