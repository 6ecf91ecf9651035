using System.Text;
using NodeMonitor.Execution.Hosting;

namespace NodeMonitor.Execution.Tests.Hosting;

public sealed class WorkerBatchTests
{
    private static WorkerBatchEntry Entry(string text) => new(
        $"disk {text}", $"<filter><test>{text}</test></filter>", [$"/p/{text}/Disk.dll", "/p/More.dll"],
        new Dictionary<string, string> { ["limit"] = text, [text] = "" },
        new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["VALUE"] = text, [$"NAME_{text}"] = "x" }, $"token-{text}");

    private static WorkerBatch? ReadBack(string line) => WorkerBatch.Read(new MemoryStream(Encoding.UTF8.GetBytes(line)));

    [TestCase("plain")]
    [TestCase("line\nbreak \"quoted\" \\ back\u0001slash \u001b[0m")]
    [TestCase("unicode é 日本語 🚀 \u2028")]
    [TestCase("")]
    public void TheWorkerReadsBackEveryFieldOfWhatTheSupervisorWrites(string text)
    {
        var batch = new WorkerBatch([Entry(text), Entry(text + "2") with { Parameters = new Dictionary<string, string>() }]);
        var read = ReadBack(batch.ToLine() + "not part of the batch");
        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Plugins, Has.Count.EqualTo(2));
        for (int i = 0; i < 2; i++)
        {
            var (expected, actual) = (batch.Plugins[i], read.Plugins[i]);
            Assert.That(actual.Plugin, Is.EqualTo(expected.Plugin));
            Assert.That(actual.FilterXml, Is.EqualTo(expected.FilterXml));
            Assert.That(actual.Assemblies, Is.EqualTo(expected.Assemblies));
            Assert.That(actual.Parameters, Is.EquivalentTo(expected.Parameters));
            Assert.That(actual.Environment, Is.EquivalentTo(expected.Environment));
            Assert.That(actual.DoneToken, Is.EqualTo(expected.DoneToken));
        }
    }

    [TestCase("")]
    [TestCase("not json\n")]
    [TestCase("[]\n")]
    [TestCase("{\"Plugins\":[]}\n")]
    [TestCase("{\"Plugins\":null}\n")]
    [TestCase("{\"plugins\":[{\"Plugin\":\"a\"}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[],\"Parameters\":{},\"Environment\":{},\"DoneToken\":\"t\"}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[\"a.dll\"],\"Parameters\":{},\"Environment\":{},\"DoneToken\":null}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[\"a.dll\"],\"Parameters\":{},\"Environment\":{}}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[null],\"Parameters\":{},\"Environment\":{},\"DoneToken\":\"t\"}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[\"a.dll\"],\"Parameters\":{\"k\":1},\"Environment\":{},\"DoneToken\":\"t\"}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[\"a.dll\"],\"Parameters\":{},\"Environment\":[],\"DoneToken\":\"t\"}]}\n")]
    [TestCase("{\"Plugins\":[{\"Plugin\":\"a\",\"FilterXml\":\"\",\"Assemblies\":[\"a.dll\"],\"Parameters\":{},\"Environment\":{},\"DoneToken\":\"t\"}]")]
    public void ALineThatIsNotACompleteBatchIsRefused(string line) => Assert.That(ReadBack(line), Is.Null);

    [Test]
    public void BytesThatAreNotUtf8AreRefused()
    {
        byte[] line = [.. Encoding.UTF8.GetBytes("{\"Plugins\":[{\"Plugin\":\"a"), 0xff, 0xfe, .. Encoding.UTF8.GetBytes("\"}]}\n")];
        Assert.That(WorkerBatch.Read(new MemoryStream(line)), Is.Null);
    }
}
