using NUnit.Framework;
using NodeMonitor.Central;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Results;
using NodeMonitor.Core.Tests.Support;

namespace NodeMonitor.Central.Tests;

/// <summary>Labels and facts in the heartbeat: written when they change, never otherwise before the heartbeat is due;
/// facts kept per plugin and bounded.</summary>
public sealed class NodePublicationTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private static readonly Dictionary<string, string> Labels = new() { ["role"] = "web", ["dc"] = "ams1" };

    private TemporaryDirectory _state = null!;
    private HeartbeatLedger _ledger = null!;
    private NodeFactsLedger _facts = null!;
    private ManualClock _clock = null!;
    private CountingHeartbeatStore _store = null!;
    private HeartbeatSender _sender = null!;

    [SetUp]
    public void SetUp()
    {
        _state = new TemporaryDirectory();
        _ledger = HeartbeatLedger.Open(_state.Path);
        _facts = NodeFactsLedger.Open(_state.Path);
        _clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _store = new CountingHeartbeatStore();
        _sender = new HeartbeatSender(_ledger, _store, Interval, TimeSpan.FromSeconds(5), _clock);
    }

    [TearDown]
    public void TearDown()
    {
        _facts.Dispose();
        _ledger.Dispose();
        _state.Dispose();
    }

    [Test]
    public async Task AChangedFactIsWrittenAtOnceAndUnchangedRunsWriteNothingUntilTheHeartbeatIsDue()
    {
        var outcomes = new List<HeartbeatOutcome>();
        foreach (string role in new[] { "primary", "primary", "replica", "replica", "replica" })
        {
            outcomes.Add(await RunAsync(Run(("postgres.role", role))));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(outcomes, Is.EqualTo(new[]
        {
            HeartbeatOutcome.Written, HeartbeatOutcome.NotDue, HeartbeatOutcome.Written, HeartbeatOutcome.NotDue, HeartbeatOutcome.NotDue,
        }));
        var last = HeartbeatValue.FromJson(_store.Writes[^1])!;
        Assert.That(last.Facts, Is.EqualTo(new Dictionary<string, string> { ["postgres.role"] = "replica" }));
        Assert.That(last.Labels, Is.EqualTo(Labels));
    }

    [Test]
    public async Task ChangedLabelsAreWrittenAtOnce()
    {
        await RunAsync(Run());
        _clock.Advance(TimeSpan.FromMinutes(1));

        var outcome = await _sender.BeatIfDueAsync(Run(), _facts.Publication(new Dictionary<string, string> { ["role"] = "db" }),
            Budget(), CancellationToken.None);

        Assert.That(outcome.Outcome, Is.EqualTo(HeartbeatOutcome.Written));
        Assert.That(HeartbeatValue.FromJson(_store.Writes[^1])!.Labels!["role"], Is.EqualTo("db"));
    }

    [Test]
    public void AFactStaysUntilItsPluginCompletesARunWithoutPublishingItAgain()
    {
        _facts.Update(new RunResultBuilder(Now).Publishing("pg", "Pg.Role", ("postgres.role", "primary"))
            .Publishing("clock", "Clock.Offset", ("clock.offset_ms", "3")).Build(), null, Now);
        var afterCrash = Update(new RunResultBuilder(Now).PluginError("pg", PluginStatus.Crashed, "segfault").Build());
        var afterOtherPlugin = Update(new RunResultBuilder(Now).Passed("clock", "Clock.Offset").Build());
        var afterCompleted = Update(new RunResultBuilder(Now).Passed("pg", "Pg.Role").Build());

        Assert.That(afterCrash.Keys, Is.EquivalentTo(new[] { "postgres.role", "clock.offset_ms" }), "a crashed plugin keeps its facts");
        Assert.That(afterOtherPlugin.Keys, Is.EquivalentTo(new[] { "postgres.role" }), "clock completed without publishing");
        Assert.That(afterCompleted, Is.Empty);
    }

    [Test]
    public void FactsOfAPluginNoLongerInstalledAreForgotten()
    {
        _facts.Update(new RunResultBuilder(Now).Publishing("pg", "Pg.Role", ("postgres.role", "primary")).Build(), null, Now);

        _facts.Update(new RunResultBuilder(Now).Passed("disk", "Disk.Free").Build(), new HashSet<string> { "disk" }, Now);

        Assert.That(_facts.All(), Is.Empty);
    }

    [Test]
    public void TheHeartbeatCarriesAtMostTheBoundedFactsAndCountsTheRest()
    {
        var many = Enumerable.Range(0, PublishedFacts.MaxFacts + 6).Select(i => ($"f{i:D3}", "v")).ToArray();
        _facts.Update(new RunResultBuilder(Now).Publishing("many", "Many.Facts", many).Build(), null, Now);

        var publication = _facts.Publication(Labels);

        Assert.That(publication.Facts, Has.Count.EqualTo(PublishedFacts.MaxFacts));
        Assert.That(publication.FactsDropped, Is.EqualTo(6));
        Assert.That(publication.Facts.Keys.Max(StringComparer.Ordinal), Is.EqualTo($"f{PublishedFacts.MaxFacts - 1:D3}"), "the first names in order are kept");
    }

    [Test]
    public void AnUnreadableFactPropertyIsReportedAndIgnored()
    {
        var run = new RunResultBuilder(Now).Publishing("pg", "Pg.Role", ("bad name!", "x"), ("ok", "y")).Build();

        var rejected = _facts.Update(run, null, Now);

        Assert.That(rejected, Has.Count.EqualTo(1).And.Some.Contains("pg: Pg.Role"));
        Assert.That(_facts.All(), Is.EqualTo(new Dictionary<string, string> { ["ok"] = "y" }));
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private IReadOnlyDictionary<string, string> Update(RunResult run)
    {
        _facts.Update(run, null, Now);
        return _facts.All();
    }

    private RunResult Run(params (string Name, string Value)[] facts) =>
        new RunResultBuilder(Now.AddSeconds(-5)).Publishing("pg", "Pg.Role", facts).Build();

    private async Task<HeartbeatOutcome> RunAsync(RunResult run)
    {
        _facts.Update(run, null, Now);
        return (await _sender.BeatIfDueAsync(run, _facts.Publication(Labels), Budget(), CancellationToken.None)).Outcome;
    }

    private DateTime Budget() => _clock.GetUtcNow().UtcDateTime.AddSeconds(20);

    private sealed class CountingHeartbeatStore : IHeartbeatStore
    {
        public List<string> Writes { get; } = [];

        public Task<HeartbeatWrite> WriteAsync(string node, string json, HeartbeatLease lease, DateTime deadlineUtc, CancellationToken ct)
        {
            Writes.Add(json);
            return Task.FromResult(new HeartbeatWrite(Writes.Count, true, 2));
        }
    }
}
