using System.Text.Json;
using System.Xml.Linq;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting;
using NodeMonitor.Core.Tests.Configuration;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Reporting;

public sealed class ResultFileWriterTests
{
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void EnsureWritableCreatesAMissingFolderAndLeavesNothingBehind()
    {
        var spec = new ResultFileSpec(Path.Combine(_temp.Path, "results", "TestResult.xml"), ResultFormat.NUnit3);

        ResultFileWriter.EnsureWritable(spec);

        Assert.That(Directory.GetFileSystemEntries(Path.Combine(_temp.Path, "results")), Is.Empty);
    }

    [Test]
    public void EnsureWritableRejectsADirectory()
    {
        var spec = new ResultFileSpec(_temp.Path, ResultFormat.NUnit3);

        Assert.That(() => ResultFileWriter.EnsureWritable(spec), Throws.TypeOf<ConfigurationException>());
    }

    [Test]
    public void WriteReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        string path = _temp.Write("TestResult.xml", "old");

        ResultFileWriter.Write(SampleRun.Create(), new ResultFileSpec(path, ResultFormat.NUnit3));

        Assert.That(XDocument.Load(path).Root!.Name.LocalName, Is.EqualTo("test-run"));
        Assert.That(Directory.GetFiles(_temp.Path), Is.EqualTo(new[] { path }));
    }

    [TestCase(ResultFormat.JUnit, "testsuites")]
    [TestCase(ResultFormat.NUnit3, "test-run")]
    public void EachXmlFormatWritesItsRootElement(ResultFormat format, string root)
    {
        string path = Path.Combine(_temp.Path, "r.xml");

        ResultFileWriter.Write(SampleRun.Create(), new ResultFileSpec(path, format));

        Assert.That(XDocument.Load(path).Root!.Name.LocalName, Is.EqualTo(root));
    }

    [Test]
    public void TheJsonFormatWritesTheRunDocument()
    {
        string path = Path.Combine(_temp.Path, "r.json");

        ResultFileWriter.Write(SampleRun.Create(), new ResultFileSpec(path, ResultFormat.Json));

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.That(json.RootElement.GetProperty("passed").GetBoolean(), Is.False);
    }
}
