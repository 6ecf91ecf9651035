using NUnit.Framework;
using NodeMonitor.Core.Security;

namespace NodeMonitor.Core.Tests.Security;

public sealed class TerminalTextTests
{
    [TestCase("Paints\u001b[31mRed", "Paints\\u001B[31mRed")]
    [TestCase("title\u001b]0;pwned\u0007", "title\\u001B]0;pwned\\u0007")]
    [TestCase("Reversed\u202eTxt.exe", "Reversed\\u202ETxt.exe")]
    [TestCase("iso\u2066late\u2069", "iso\\u2066late\\u2069")]
    [TestCase("marks\u200e\u200f\u061c", "marks\\u200E\\u200F\\u061C")]
    [TestCase("Two\nLines\rBack\tTab", "Two\\nLines\\rBack\\tTab")]
    [TestCase("c1\u009bcsi del\u007f", "c1\\u009Bcsi del\\u007F")]
    [TestCase("nul\0", "nul\\u0000")]
    [TestCase("sep\u2028par\u2029", "sep\\u2028par\\u2029")]
    public void ALineHasEveryControlEscaped(string text, string expected) => Assert.That(TerminalText.Line(text), Is.EqualTo(expected));

    [TestCase("Disk.Checks.RootHasSpace(\"/\")")]
    [TestCase("Größe ≥ 90 %, 日本語, emoji 🙂")]
    [TestCase("")]
    public void OrdinaryTextIsUnchanged(string text)
    {
        Assert.That(TerminalText.Line(text), Is.SameAs(text));
        Assert.That(TerminalText.Block(text), Is.SameAs(text));
    }

    [Test]
    public void ABlockKeepsItsLayoutButNotItsEscapes() =>
        Assert.That(TerminalText.Block("line one\r\n\tline \u001b[2Jtwo\u202e\n"), Is.EqualTo("line one\r\n\tline \\u001B[2Jtwo\\u202E\n"));

    [Test]
    public void NullPrintsAsNothing() => Assert.That(TerminalText.Line(null), Is.EqualTo(""));

    [Test]
    public void TheEscapesKeepJsonValidAndMeaningTheSame()
    {
        string json = System.Text.Json.JsonSerializer.Serialize(new { name = "a\u202eb" },
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        string printed = TerminalText.Block(json);

        using var parsed = System.Text.Json.JsonDocument.Parse(printed);
        Assert.That(parsed.RootElement.GetProperty("name").GetString(), Is.EqualTo("a\u202eb"));
        Assert.That(printed.Any(TerminalText.IsUnsafe), Is.False);
    }
}
