using System.Security;
using System.Xml.Linq;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// `dotnet new nodemonitor-plugin` as an author meets it: the template package from artifacts/packages installed into a
/// private template hive, a project created next to a nuget.config naming the local feed and this machine's own sources,
/// `dotnet test` (with the listener recording into a throwaway state directory), `dotnet publish` into a plugin root and
/// `nodemonitor run` of that root. The steps run once, in order (one restore, one build); the tests check what each left.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
[Category("Integration")]
public sealed class TemplateTests
{
    private const string Name = "DiskChecks";
    private string _work = "";
    private string _version = "";
    private string _projectFile = "";
    private CliRun _deskTest = null!;
    private CliRun _nodeRun = null!;

    private string DeskState => Path.Combine(_work, "desk-state");
    private string PluginRoot => Path.Combine(_work, "root");
    private string Published => Path.Combine(PluginRoot, "disk-checks");

    [OneTimeSetUp]
    public void CreateTestPublishAndRunANewPlugin()
    {
        _work = Directory.CreateTempSubdirectory("nm-template-").FullName;
        _version = PackageVersion();
        string feed = Path.Combine(Repo.Root, "artifacts", "packages");
        string templates = Path.Combine(feed, $"NodeMonitor.Templates.{_version}.nupkg");
        if (!File.Exists(templates)) Assert.Fail($"{templates} is missing: run build/build.sh first");

        string hive = Path.Combine(_work, "template-hive");
        Run(["new", "install", templates, "--debug:custom-hive", hive]).AssertSucceeded("dotnet new install");
        Run(["new", "nodemonitor-plugin", "-n", Name, "-o", Name, "--debug:custom-hive", hive]).AssertSucceeded("dotnet new nodemonitor-plugin");
        _projectFile = Path.Combine(_work, Name, $"{Name}.csproj");
        WriteNuGetConfig(feed);

        // Release, so that publish reuses this build instead of building again.
        _deskTest = Run(["test", _projectFile, "-c", "Release", "-nologo"], new()
        {
            ["NODEMONITOR_CONFIG"] = "",
            ["NODEMONITOR_STATE_DIRECTORY"] = DeskState,
        });
        _deskTest.AssertSucceeded("dotnet test of the new project");
        Run(["publish", _projectFile, "-c", "Release", "--no-build", "-nologo", "-o", Published]).AssertSucceeded("dotnet publish");
        _nodeRun = CliRun.Invoke("run", "--root", PluginRoot, "--state", Path.Combine(_work, "node-state"));
    }

    [OneTimeTearDown]
    public void RemoveTheWorkFolder()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void TheNewProjectReferencesTheAuthorPackageAndTheListenerAtTheVersionOfThisBuild()
    {
        var references = XDocument.Load(_projectFile).Descendants("PackageReference")
            .ToDictionary(r => (string)r.Attribute("Include")!, r => (string?)r.Attribute("Version"));

        Assert.That(references, Does.ContainKey("NodeMonitor.Checks").WithValue(_version));
        Assert.That(references, Does.ContainKey("NUnit.Extension.NodeMonitor").WithValue(_version));
        Assert.That(Directory.EnumerateFiles(Path.Combine(_work, Name), "nuget.config", SearchOption.AllDirectories), Is.Empty,
            "the generated project names no package source; the operator's nuget.config does");
    }

    [Test]
    public void DotnetTestOfTheNewProjectPassesOutOfTheBox()
    {
        Assert.That(_deskTest.Output, Does.Contain("Passed!"));
        Assert.That(_deskTest.Output, Does.Not.Contain("NodeMonitor extension: warning"));
    }

    [Test]
    public void TheListenerRecordsTheDeskRunInTheStateDirectory()
    {
        var counts = StoredCounts.LastRun(DeskState);

        Assert.That(counts.Total, Is.GreaterThan(0), _deskTest.Output);
        Assert.That(counts, Is.EqualTo(new Counts(counts.Total, counts.Total, 0, 0, 0, 0)), "every check of the template passes");
    }

    [Test]
    public void NodemonitorRunPicksUpThePublishedPluginAndRunsItsTests()
    {
        Assert.That(_nodeRun.ExitCode, Is.EqualTo(0), _nodeRun.ToString());
        Assert.That(_nodeRun.Stdout, Does.Match(@"disk-checks\s+[1-9]\d* passed, 0 failed"), _nodeRun.ToString());
        Assert.That(StoredCounts.LastRun(Path.Combine(_work, "node-state")), Is.EqualTo(StoredCounts.LastRun(DeskState)),
            "a node counts the same tests as the desk run");
    }

    [Test]
    public void ThePublishedPluginCarriesTheAuthorPackageButNotTheDeskListener()
    {
        Assert.That(File.Exists(Path.Combine(Published, "NodeMonitor.Checks.dll")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(Published, "NUnit.Extension.NodeMonitor")), Is.False,
            "on a node nodemonitor run records results itself");
    }

    [Test]
    public void ThePublishedPluginLeavesTheCodeCoverageCollectorAndTranslationsOut()
    {
        Assert.That(Directory.EnumerateDirectories(Published), Is.Empty, "no CodeCoverage/ and no satellite resource folders (de/, ja/, ...)");
        Assert.That(Directory.EnumerateFiles(Published, "Microsoft.CodeCoverage.*.dll"), Is.Empty);
        Assert.That(File.Exists(Path.Combine(Published, "Microsoft.VisualStudio.TraceDataCollector.dll")), Is.False);
        long bytes = Directory.EnumerateFiles(Published, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        TestContext.Out.WriteLine($"published plugin: {bytes / 1048576.0:0.0} MB");
    }

    private static string PackageVersion()
    {
        var props = XDocument.Load(Path.Combine(Repo.Root, "Directory.Build.props"));
        return props.Descendants("Version").Single().Value.Trim();
    }

    /// <summary>
    /// The local feed first, then the package sources this machine already uses (so its mirror keeps serving NUnit and
    /// the test SDK). Packages restore into a private folder: a rebuilt NodeMonitor.Checks keeps its version number, and the
    /// machine's folder would hand back the first build of it forever. That folder still serves as a read-only fallback
    /// for everything else, so nothing is downloaded again, unless it already holds a NodeMonitor package of this version.
    /// </summary>
    private void WriteNuGetConfig(string feed)
    {
        var sources = Run(["nuget", "list", "source", "--format", "short"]);
        sources.AssertSucceeded("dotnet nuget list source");
        var machineSources = sources.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim())
            .ToList();

        var locals = Run(["nuget", "locals", "global-packages", "--list"]);
        locals.AssertSucceeded("dotnet nuget locals");
        string machinePackages = locals.Stdout.Trim()["global-packages:".Length..].Trim();
        bool machineHoldsOurs = new[] { "nodemonitor.checks", "nunit.extension.nodemonitor" }
            .Any(id => Directory.Exists(Path.Combine(machinePackages, id, _version)));

        string Add(string key, string value) => $"    <add key=\"{key}\" value=\"{SecurityElement.Escape(value)}\" />\n";
        string fallback = machineHoldsOurs ? "" :
            $"  <fallbackPackageFolders>\n{Add("machine", machinePackages)}  </fallbackPackageFolders>\n";
        File.WriteAllText(Path.Combine(_work, "nuget.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n" +
            $"  <config>\n{Add("globalPackagesFolder", Path.Combine(_work, "packages"))}  </config>\n" +
            fallback +
            "  <packageSources>\n    <clear />\n" + Add("nodemonitor", feed) +
            string.Concat(machineSources.Select((source, i) => Add($"machine-{i + 1}", source))) +
            "  </packageSources>\n</configuration>\n");
    }

    private CliRun Run(string[] args, Dictionary<string, string>? environment = null)
    {
        // No MSBuild node may outlive the test.
        var env = new Dictionary<string, string>(environment ?? []) { ["MSBUILDDISABLENODEREUSE"] = "1" };
        return ChildProcess.Run("dotnet", args, _work, env, TimeSpan.FromMinutes(5));
    }
}
