using System.Text.Json;
using NUnit.Framework;
using NodeMonitor.Core.Reporting;

namespace NodeMonitor.Core.Tests.Reporting;

public sealed class PrintedJsonTests
{
    private sealed record Timed(string Name, TimeSpan Duration, TimeSpan? Timeout, TimeSpan? Interval, TimeSpan WaitSeconds);

    [Test]
    public void EveryDurationIsANumberOfSecondsInAPropertyNamedSeconds()
    {
        var value = new Timed("x", TimeSpan.FromMilliseconds(240), TimeSpan.FromMinutes(2), null, TimeSpan.FromSeconds(1.5));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(value, PrintedJson.Options));
        var root = json.RootElement;

        Assert.That(root.GetProperty("durationSeconds").GetDouble(), Is.EqualTo(0.24));
        Assert.That(root.GetProperty("timeoutSeconds").GetDouble(), Is.EqualTo(120));
        Assert.That(root.GetProperty("intervalSeconds").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("waitSeconds").GetDouble(), Is.EqualTo(1.5), "a name that already says seconds keeps it");
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "name", "durationSeconds", "timeoutSeconds", "intervalSeconds", "waitSeconds" }));
    }

    [Test]
    public void AShortDurationIsWrittenWithoutAnExponent()
    {
        string text = JsonSerializer.Serialize(new { took = TimeSpan.FromTicks(550) }, PrintedJson.Options);

        Assert.That(text, Does.Contain("\"tookSeconds\": 0.000055"));
    }

    [Test]
    public void AnonymousDocumentsFollowTheSameConvention()
    {
        string text = JsonSerializer.Serialize(new { outer = new { elapsed = TimeSpan.FromHours(1) } }, PrintedJson.Options);

        Assert.That(text, Does.Contain("\"elapsedSeconds\": 3600"));
    }
}
