using System.Text.Json;
using System.Text.Json.Serialization;
using NUnit.Framework;
using NodeMonitor.Core.Reporting;

namespace NodeMonitor.Core.Tests.Reporting;

public enum PrintedColour { DeepRed, Blue }

public sealed record PrintedTimed(string Name, TimeSpan Duration, TimeSpan? Timeout, TimeSpan? Interval, TimeSpan WaitSeconds);

public sealed record PrintedOuter(PrintedInner Outer, PrintedColour Colour);

public sealed record PrintedInner(TimeSpan Elapsed);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PrintedTimed))]
[JsonSerializable(typeof(PrintedOuter))]
internal sealed partial class PrintedTestJson : JsonSerializerContext;

[JsonSerializable(typeof(PrintedTimed))]
internal sealed partial class NotPrintedTestJson : JsonSerializerContext;

public sealed class PrintedJsonTests
{
    [Test]
    public void EveryDurationIsANumberOfSecondsInAPropertyNamedSeconds()
    {
        var value = new PrintedTimed("x", TimeSpan.FromMilliseconds(240), TimeSpan.FromMinutes(2), null, TimeSpan.FromSeconds(1.5));

        using var json = JsonDocument.Parse(PrintedJson.Serialize(value, PrintedTestJson.Default));
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
        var value = new PrintedTimed("x", TimeSpan.FromTicks(550), null, null, TimeSpan.Zero);

        Assert.That(PrintedJson.Serialize(value, PrintedTestJson.Default), Does.Contain("\"durationSeconds\": 0.000055"));
    }

    [Test]
    public void NestedDocumentsFollowTheSameConventionAndEnumsAreNames()
    {
        string text = PrintedJson.Serialize(new PrintedOuter(new PrintedInner(TimeSpan.FromHours(1)), PrintedColour.DeepRed), PrintedTestJson.Default);

        Assert.That(text, Does.Contain("\"elapsedSeconds\": 3600"));
        Assert.That(text, Does.Contain("\"colour\": \"DeepRed\""));
    }

    [Test]
    public void AContextThatDoesNotDeclareThePrintedConventionIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => PrintedJson.For(NotPrintedTestJson.Default));

        Assert.That(error!.Message, Does.Contain(nameof(NotPrintedTestJson)));
    }
}
