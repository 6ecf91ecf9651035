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
    public void IngestRedactsTheSecretsOfTheNodeThatStoresTheFile()
    {
        const string Secret = "serve-token-of-the-ingesting-node";
        using var ws = new Workspace();
        File.WriteAllText(Path.Combine(ws.AddFixture("impostor"), "plugin.json"),
            $$"""{ "where": "cat == leak", "environment": { "IMPOSTOR_SECRET": "{{Secret}}" } }""");
        string xml = ws.File("TestResult.xml");
        CliRun.Invoke(ws.RunArgs($"--result={xml}"));
        Assert.That(File.ReadAllText(xml), Does.Contain(Secret), "a result file made where the value is no secret");
        string state = ws.File("ingested");

        var ingest = CliRun.Invoke(["ingest", xml, "--state", state], new Dictionary<string, string> { ["NODEMONITOR_SERVE_TOKEN"] = Secret });

        Assert.That(ingest.ExitCode, Is.EqualTo(1), ingest.ToString());
        Assert.That(ingest.Stdout, Does.Contain("leaking *** in the message").And.Not.Contain(Secret));
        foreach (string file in Directory.EnumerateFiles(state))
            Assert.That(File.ReadAllText(file), Does.Not.Contain(Secret), file);
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
