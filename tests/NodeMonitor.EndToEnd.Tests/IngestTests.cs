using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`nodemonitor ingest` of NUnit 3 result XML.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class IngestTests
{
    [Test]
    public void IngestingTheAdaptersXmlStoresTheSameCountsAsNodemonitorRun()
    {
        using var ws = new Workspace("mixed");
        CliRun.Invoke(ws.RunArgs());
        var expected = StoredCounts.LastRun(ws.State);
        var desk = DeskTestRun.WithExtension(ws, "mixed", "Mixed.dll");
        string state = ws.File("ingested");

        var ingest = CliRun.Invoke("ingest", Path.Combine(desk.TestOutputXml, "Mixed.xml"), "--state", state);

        Assert.That(ingest.ExitCode, Is.EqualTo(1), ingest.ToString());
        Assert.That(ingest.Stdout, Does.Contain("FAILED"));
        Assert.That(StoredCounts.LastRun(state), Is.EqualTo(expected));
    }

    [Test]
    public void AMalformedFileExitsTwoNamingTheLine()
    {
        using var ws = new Workspace();
        string file = ws.File("broken.xml");
        File.WriteAllText(file, "<test-run>\n  <test-suite type=\"Assembly\" name=\"A.dll\">\n    <test-case name=\"x\">\n  </test-suite>\n</test-run>\n");

        var ingest = CliRun.Invoke("ingest", file, "--state", ws.State);

        Assert.That(ingest.ExitCode, Is.EqualTo(2), ingest.ToString());
        Assert.That(ingest.Stderr, Does.Contain($"{file}:4:"));
        Assert.That(ingest.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(ws.State), Is.False, "nothing was stored");
    }

    [Test]
    public void AMissingFileExitsTwo()
    {
        using var ws = new Workspace();
        var ingest = CliRun.Invoke("ingest", ws.File("none.xml"), "--state", ws.State);
        Assert.That(ingest.ExitCode, Is.EqualTo(2), ingest.ToString());
        Assert.That(ingest.Stderr, Does.Contain("cannot read the file"));
    }
}
