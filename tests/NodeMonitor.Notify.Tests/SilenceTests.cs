using NodeMonitor.Central;
using NodeMonitor.Core.Tests.Support;
using NodeMonitor.Notify.Tests.Support;

namespace NodeMonitor.Notify.Tests;

/// <summary>Silences: what a request may be, what a silence covers, and how a record looks through it.</summary>
public sealed class SilenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [TestCase("web-*", "web-3", true)]
    [TestCase("web-?", "web-12", false)]
    [TestCase("db1", "db10", false)]
    [TestCase("*", "anything", true)]
    public void TheNodeGlobMatchesWithStarAndQuestionMark(string glob, string node, bool matches) =>
        Assert.That(Silence(glob).Matches(node, "disk", "Root.HasSpace"), Is.EqualTo(matches));

    [Test]
    public void PluginAndTestGlobsNarrowTheSilenceAndATestGlobNeverCoversAPluginError()
    {
        var silence = new SilenceRequest("web1", "disk", "*Inodes*", null, Now.AddHours(1), "alice", "swap").Create(Now, Week);
        Assert.That(silence.Matches("web1", "disk", "Root.InodesFree"), Is.True);
        Assert.That(silence.Matches("web1", "disk", "Root.HasSpace"), Is.False);
        Assert.That(silence.Matches("web1", "ntp", "Root.InodesFree"), Is.False);
        Assert.That(silence.Matches("web1", "disk", null), Is.False);
    }

    [Test]
    public void ASilenceCountsFromItsStartUntilItsStoredEnd()
    {
        var silence = new SilenceRequest("web1", null, null, Now.AddHours(1), Now.AddHours(2), "alice", "later").Create(Now, Week);
        Assert.That(silence.IsActiveAt(Now), Is.False);
        Assert.That(silence.IsActiveAt(Now.AddHours(1.5)), Is.True);
        Assert.That(silence.IsActiveAt(Now.AddHours(2)), Is.False);
    }

    [TestCase(null, "a reason", "node glob")]
    [TestCase("web1", "  ", "reason")]
    [TestCase("web1", null, "reason")]
    public void ARequestWithoutNodeOrReasonIsRefused(string? node, string? reason, string missing) =>
        Assert.That(() => new SilenceRequest(node, null, null, null, Now.AddHours(1), "alice", reason).Create(Now, Week),
            Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains(missing));

    [Test]
    public void ASilenceLongerThanTheMaximumOrEndingInThePastIsRefused()
    {
        Assert.That(() => new SilenceRequest("web1", null, null, null, Now.AddDays(8), "alice", "x").Create(Now, Week),
            Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("at most 7 days"));
        Assert.That(() => new SilenceRequest("web1", null, null, null, Now.AddDays(2), "alice", "x").Create(Now, TimeSpan.FromDays(1)),
            Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("at most 1 days"));
        Assert.That(() => new SilenceRequest("web1", null, null, Now.AddHours(-3), Now.AddHours(-1), "alice", "x").Create(Now, Week),
            Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("in the past"));
        Assert.That(new SilenceRequest("web1", null, null, null, Now.AddDays(7), "alice", "x").Create(Now, Week).EndsAt, Is.EqualTo(Now.AddDays(7)));
    }

    [TestCase("90m", 90)]
    [TestCase("2h", 120)]
    [TestCase("1h30m", 90)]
    [TestCase("1d", 1440)]
    [TestCase("1w", 10080)]
    public void DurationsReadAsPeopleWriteThem(string text, double minutes) =>
        Assert.That(SilenceDuration.Parse(text), Is.EqualTo(TimeSpan.FromMinutes(minutes)));

    [TestCase("")]
    [TestCase("2")]
    [TestCase("h")]
    [TestCase("2x")]
    [TestCase("0m")]
    [TestCase("99999999999d")]
    public void AnythingElseIsRefusedWithTheFormsThatWork(string text) =>
        Assert.That(() => SilenceDuration.Parse(text), Throws.InstanceOf<SilenceRejectedException>().With.Message.Contains("90m, 2h"));

    [Test]
    public void ARecordSeenThroughSilencesSaysWhichTestsAreSilencedByWhomAndWhatIsLeftToTell()
    {
        var record = Records.Of("web1", "disk: Root.HasSpace", "ntp: Clock.IsSynchronised") with { PluginErrors = ["kernel: crashed"] };
        var ntp = new SilenceRequest("web*", "ntp", null, null, Now.AddHours(1), "bob", "ntp upgrade").Create(Now, Week);
        var expired = new SilenceRequest("web1", null, null, Now.AddHours(-2), Now.AddHours(-1), "carol", "old").Create(Now.AddHours(-3), Week);
        var seen = SilencedFailure.Of(record, [ntp, expired], Now);
        Assert.That(seen.Items.Single(i => i.Plugin == "ntp").SilencedBy, Is.EqualTo(ntp));
        Assert.That(seen.Unsilenced, Is.EqualTo(new[] { "disk: Root.HasSpace", "kernel: crashed" }));
        Assert.That(seen.FullySilenced, Is.False);
        Assert.That(seen.Silences.Select(s => s.Author), Is.EqualTo(new[] { "bob" }));
    }

    [Test]
    public void TestsBeyondTheRecordsListAreSilencedOnlyByASilenceOfTheWholeNode()
    {
        var record = Records.Of("web1", "disk: A") with { FailingTotal = 30 };
        var disk = new SilenceRequest("web1", "disk", null, null, Now.AddHours(1), "bob", "x").Create(Now, Week);
        Assert.That(SilencedFailure.Of(record, [disk], Now).Unsilenced, Is.EqualTo(new[] { "(and 29 more failing tests)" }));
        var node = new SilenceRequest("web1", null, null, null, Now.AddHours(1), "bob", "x").Create(Now, Week);
        Assert.That(SilencedFailure.Of(record, [node], Now).FullySilenced, Is.True);
    }

    [Test]
    public void ASilenceSurvivesItsJsonAndDamagedJsonIsNoSilence()
    {
        var silence = Silence("web-*");
        Assert.That(Central.Silence.FromJson(silence.ToJson()), Is.EqualTo(silence));
        Assert.That(Central.Silence.FromJson("{\"id\":"), Is.Null);
        Assert.That(Central.Silence.FromJson("{\"reason\":\"no id\"}"), Is.Null);
    }

    [Test]
    public void TheStateFileRoundTripsAndADamagedOneIsAClearError()
    {
        using var dir = new TemporaryDirectory();
        string file = dir.Combine("notify-state.json");
        var change = new NodeChange(ChangeKind.Failing, "web1", ["disk: A"], ["disk: A"], [], 0, 7, null, Now);
        var message = NotifyMessage.Group([change], 10, Now);
        new NotifyState(7, new Dictionary<string, IReadOnlyList<string>> { ["web1"] = ["disk: A"] },
            new Dictionary<string, IReadOnlyList<NotifyMessage>> { ["webhook-x"] = [message] }).Save(file);
        var read = NotifyState.Load(file);
        Assert.That(read.Revision, Is.EqualTo(7));
        Assert.That(read.Told["web1"], Is.EqualTo(new[] { "disk: A" }));
        Assert.That(read.Outbox["webhook-x"].Single().Id, Is.EqualTo(message.Id));
        Assert.That(read.Outbox["webhook-x"].Single().Nodes.Single().IdempotencyKey, Is.EqualTo(change.IdempotencyKey));
        Assert.That(Directory.GetFiles(dir.Path), Is.EqualTo(new[] { file }), "no temporary file left");

        File.WriteAllText(file, "{ \"revision\": 7, ");
        Assert.That(() => NotifyState.Load(file), Throws.InstanceOf<NotifyStateException>().With.Message.Contains("move it aside"));
    }

    private static Silence Silence(string node) => new SilenceRequest(node, null, null, null, Now.AddHours(1), "alice", "swap").Create(Now, Week);
}
