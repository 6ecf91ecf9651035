using NodeMonitor.Central;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>Silences with node label matchers: what they cover, how they are stored, and that silences stored before
/// labels existed read and match as before.</summary>
public sealed class SilenceLabelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly Dictionary<string, string> RackR1Db = new() { ["rack"] = "r1a", ["role"] = "db" };

    [Test]
    public void EveryLabelGlobMustMatchAndAnUnknownNodeIsNotCovered()
    {
        var silence = ByLabel(new() { ["rack"] = "r1*", ["role"] = "db" });
        Assert.That(silence.Node, Is.EqualTo("*"), "no --node: every node the labels pick");
        Assert.That(silence.Matches("db7", "disk", "Root.HasSpace", RackR1Db), Is.True);
        Assert.That(silence.Matches("db7", "disk", "Root.HasSpace", new Dictionary<string, string> { ["rack"] = "r2", ["role"] = "db" }), Is.False);
        Assert.That(silence.Matches("db7", "disk", "Root.HasSpace", new Dictionary<string, string> { ["rack"] = "r1" }), Is.False, "a label missing");
        Assert.That(silence.Matches("db7", "disk", "Root.HasSpace", null), Is.False, "labels unknown: people are told");
        Assert.That(silence.CoversWholeNode("db7", RackR1Db), Is.True);
    }

    [Test]
    public void ANodeGlobAndLabelsBothNarrow()
    {
        var silence = new SilenceRequest("web*", null, null, null, Now.AddHours(1), "alice", "rack work")
        {
            Labels = new Dictionary<string, string> { ["rack"] = "r1*" },
        }.Create(Now, Week);
        Assert.That(silence.Matches("web1", "disk", "T", RackR1Db), Is.True);
        Assert.That(silence.Matches("db1", "disk", "T", RackR1Db), Is.False);
    }

    [Test]
    public void LabelsAreStoredInTheSilenceJsonAndShownInItsMatchers()
    {
        var silence = ByLabel(new() { ["rack"] = "r1*" });
        var read = Silence.FromJson(silence.ToJson())!;
        Assert.That(read.Labels, Is.EqualTo(new Dictionary<string, string> { ["rack"] = "r1*" }));
        Assert.That(silence.ToJson(), Does.Contain("\"labels\":{\"rack\":\"r1*\"}").And.Not.Contain("matchers"));
        Assert.That(read.Matchers, Is.EqualTo("node * label rack=r1*"));
    }

    [Test]
    public void ASilenceStoredBeforeLabelsExistedReadsAndMatchesAsBefore()
    {
        const string Stored = """
            {"id":"3f9a0c1d2e4b5a67","node":"web-*","plugin":"disk","startsAt":"2026-11-30T11:00:00+00:00","endsAt":"2026-11-30T14:00:00+00:00",
             "author":"alice","reason":"disk swap","createdAt":"2026-11-30T11:00:00+00:00"}
            """;
        var silence = Silence.FromJson(Stored)!;
        Assert.That(silence.Labels, Is.Null);
        Assert.That(silence.Matches("web-3", "disk", "Root.HasSpace", null), Is.True, "labels unknown do not matter to it");
        Assert.That(silence.Matches("web-3", "disk", "Root.HasSpace", RackR1Db), Is.True);
        Assert.That(silence.ToJson(), Does.Not.Contain("labels"));
        var record = Records.Of("web-3", "disk: Root.HasSpace", "ntp: Clock.IsSynchronised");
        Assert.That(SilencedFailure.Of(record, [silence], Now.AddHours(1)).Unsilenced, Is.EqualTo(new[] { "ntp: Clock.IsSynchronised" }));
    }

    [TestCase("rack", "r1", "rack", "r1")]
    [TestCase(" rack ", " r1* ", "rack", "r1*")]
    public void ALabelMatcherIsNameEqualsGlob(string name, string glob, string expectedName, string expectedGlob) =>
        Assert.That(SilenceRequest.ParseLabel($"{name}={glob}"), Is.EqualTo(new KeyValuePair<string, string>(expectedName, expectedGlob)));

    [TestCase("rack")]
    [TestCase("=r1")]
    public void ALabelMatcherWithoutNameOrEqualsIsRefused(string text) =>
        Assert.That(() => SilenceRequest.ParseLabel(text), Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("name=glob"));

    [Test]
    public void ABadLabelNameOrAnEmptyGlobIsRefused()
    {
        Assert.That(() => ByLabel(new() { ["-rack"] = "r1" }), Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("label name"));
        Assert.That(() => ByLabel(new() { ["rack"] = " " }), Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("value glob"));
        Assert.That(() => new SilenceRequest(null, null, null, null, Now.AddHours(1), "alice", "x").Create(Now, Week),
            Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("node glob"), "neither node nor labels");
    }

    private static Silence ByLabel(Dictionary<string, string> labels) =>
        new SilenceRequest(null, null, null, null, Now.AddHours(1), "alice", "rack work") { Labels = labels }.Create(Now, Week);
}
