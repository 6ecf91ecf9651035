using NUnit.Framework;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Storage;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Core.Tests.LocalStorage;

public sealed class PluginRetirementTests : StoreTestBase
{
    [Test]
    public void APluginNoLongerInstalledStopsCountingAndItsRetirementIsInHistory()
    {
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        store.Write(new RunResultBuilder(T0).Failed("flap", "Flap.Check").Passed("other", "Other.Check").Build());

        store.Write(new RunResultBuilder(T0.AddMinutes(1)).Passed("other", "Other.Check").Build(), new HashSet<string> { "other" });

        Assert.That(store.CurrentStates().Select(s => s.Plugin).Distinct(), Is.EqualTo(new[] { "other" }));
        var retired = store.History(plugin: "flap").Where(r => r.Label == "Retired").ToList();
        Assert.That(retired.Select(r => (r.FullName, r.PreviousOutcome, r.Outcome)),
            Is.EquivalentTo(new[] { ("Flap.Check", (TestOutcome?)TestOutcome.Failed, TestOutcome.Skipped), (TestState.PluginLevelName, (TestOutcome?)TestOutcome.Passed, TestOutcome.Skipped) }));
    }

    [Test]
    public void WithoutTheInstalledPluginsNothingRetires()
    {
        using var store = LocalStore.Open(StateDirectory.Path, RetentionPolicy.Default);
        store.Write(new RunResultBuilder(T0).Failed("flap", "Flap.Check").Build());

        store.Write(new RunResultBuilder(T0.AddMinutes(1)).Passed("other", "Other.Check").Build());

        Assert.That(store.CurrentStates().Select(s => s.Plugin), Does.Contain("flap"));
    }
}
