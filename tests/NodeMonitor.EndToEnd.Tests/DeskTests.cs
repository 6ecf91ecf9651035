using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>`dotnet test` at a desk with the NUnit engine extension records the same run as `nodemonitor run`.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public class DeskTests
{
    [Test]
    public void DotnetTestWithTheExtensionStoresTheSameCountsAsNodemonitorRun()
    {
        using var ws = new Workspace("mixed");
        var nodeRun = CliRun.Invoke(ws.RunArgs());
        var expected = StoredCounts.LastRun(ws.State);

        var desk = DeskTestRun.WithExtension(ws, "mixed", "Mixed.dll");

        Assert.That(desk.ExitCode, Is.Not.EqualTo(0), "Mixed has failing tests, so dotnet test fails as usual");
        Assert.That(desk.Output, Does.Not.Contain("NodeMonitor extension: warning"));
        var actual = StoredCounts.LastRun(desk.State);
        Assert.That(actual, Is.EqualTo(expected), $"{nodeRun}\n--- dotnet test ---\n{desk.Output}");
        Assert.That((actual.Warnings, actual.Inconclusive), Is.EqualTo((1, 1)), "Warning and Inconclusive keep their own counts");
    }

    [Test]
    public void DotnetTestWithTheExtensionButNoUsableStateDirectoryStillRunsTheTests()
    {
        using var ws = new Workspace();
        string blocker = ws.File("not-a-directory");
        File.WriteAllText(blocker, "");

        var desk = DeskTestRun.WithExtension(ws, "nunit4", "Nunit4.dll", stateDirectory: Path.Combine(blocker, "state"));

        Assert.That(desk.Output, Does.Contain("Passed!").Or.Contain("Failed!"), "the tests ran and were reported by dotnet test");
        Assert.That(File.Exists(Path.Combine(desk.TestOutputXml, "Nunit4.xml")), Is.True, desk.Output);
    }
}

/// <summary>One `dotnet test` of a published fixture copied to a desk folder with the extension in NUnit.Extension.NodeMonitor/tools/.</summary>
internal sealed record DeskTestRun(int ExitCode, string Output, string State, string TestOutputXml)
{
    public static string Extension => Path.Combine(Repo.Root, "artifacts", "extension", "NUnit.Extension.NodeMonitor");

    public static DeskTestRun WithExtension(Workspace ws, string fixture, string assembly, string? stateDirectory = null)
    {
        string desk = Prepare(ws, fixture);
        string state = stateDirectory ?? ws.File($"desk-state-{fixture}");
        string xml = ws.File($"desk-xml-{fixture}");

        var run = ChildProcess.Run("dotnet", ["test", Path.Combine(desk, assembly), "--", $"NUnit.TestOutputXml={xml}",
            "NUnit.OutputXmlFolderMode=UseSpecifiedFolder"], desk, new Dictionary<string, string> { ["NODEMONITOR_STATE_DIRECTORY"] = state });
        return new DeskTestRun(run.ExitCode, run.Output, state, xml);
    }

    /// <summary>A desk folder: the published fixture with the extension copied beside it.</summary>
    public static string Prepare(Workspace ws, string fixture)
    {
        if (!Directory.Exists(Extension)) Assert.Fail($"{Extension} is missing: run build/build.sh first");
        string desk = ws.File($"desk-{fixture}");
        CopyTree(Repo.Fixture(fixture), desk);
        CopyTree(Extension, Path.Combine(desk, "NUnit.Extension.NodeMonitor"));
        return desk;
    }

    private static void CopyTree(string from, string to)
    {
        if (!Directory.Exists(from)) Assert.Fail($"{from} is missing: run build/build.sh first");
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
    }
}

/// <summary>The per-outcome counts of the last run in a state directory, as `nodemonitor status --format json` reports them.</summary>
internal static class StoredCounts
{
    public static Counts LastRun(string state)
    {
        var status = CliRun.Invoke("status", "--state", state, "--format", "json");
        Assert.That(status.ExitCode, Is.AnyOf(0, 1), status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        var c = json.RootElement.GetProperty("lastRun").GetProperty("counts");
        int Get(string name) => c.GetProperty(name).GetInt32();
        return new Counts(Get("total"), Get("passed"), Get("failed"), Get("warnings"), Get("inconclusive"), Get("skipped"));
    }
}
