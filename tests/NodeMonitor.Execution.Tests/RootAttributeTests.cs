using System.Xml;
using NodeMonitor.Execution.Hosting;

namespace NodeMonitor.Execution.Tests;

/// <summary>The reader-free attribute lookup agrees with an XmlReader on what NUnit writes.</summary>
public sealed class RootAttributeTests
{
    [TestCase("Ns.Fixture.Test")]
    [TestCase("Ns.Fixture.Test(\"a \\\" b\", 'c', <T>, 1 & 2)")]
    [TestCase("Ns.Generic<System.Int32>(3).Case(\"line\nbreak\ttab\")")]
    [TestCase("")]
    public void ReadsWhatAnXmlReaderReads(string fullName)
    {
        var text = new StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("start-test");
            writer.WriteAttributeString("id", "0-1001");
            writer.WriteAttributeString("name", "x");
            writer.WriteAttributeString("fullname", fullName);
            writer.WriteAttributeString("type", "TestMethod");
            writer.WriteEndElement();
        }
        string xml = text.ToString();
        using var reader = XmlReader.Create(new StringReader(xml));
        reader.MoveToContent();

        Assert.That(RootAttribute.Value(xml, "fullname"), Is.EqualTo(reader.GetAttribute("fullname")));
        Assert.That(RootAttribute.Value(xml, "name"), Is.EqualTo("x"));
        Assert.That(RootAttribute.Value(xml, "classname"), Is.Null);
    }
}
