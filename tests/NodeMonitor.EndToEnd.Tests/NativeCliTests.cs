using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// The native CLI (NativeAOT) of artifacts/bin has no runtime of its own: it finds the one that runs nodemonitor-worker as
/// the .NET apphost does, and says so plainly, exit 3, when there is none. (Ignored for the ReadyToRun CLI of
/// `build/build.sh -p:NodeMonitorAot=false`, which .NET itself starts.)
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Category("Integration")]
public sealed class NativeCliTests
{
    [OneTimeSetUp]
    public void TheCliIsNative()
    {
        if (File.Exists(Path.Combine(Path.GetDirectoryName(Repo.Cli)!, "nodemonitor.dll")))
            Assert.Ignore("artifacts/bin holds the ReadyToRun CLI (build/build.sh -p:NodeMonitorAot=false)");
    }

    /// <summary>No DOTNET_ROOT and no SDK variables, as under cron: `dotnet` on PATH or a default location.</summary>
    [Test]
    public void WithoutDotnetVariablesTheWorkersRuntimeIsFoundAsTheApphostFindsIt()
    {
        using var ws = new Workspace("nunit4");
        var run = CliRun.Invoke(ws.RunArgs(), Environment(("PATH", "/usr/local/bin:/usr/bin:/bin")));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Stdout, Does.Match(@"nunit4\s+1 passed"), run.ToString());
    }

    [Test]
    public void WithoutARuntimeRunListAndValidateExitThreeSayingWhereTheyLooked()
    {
        using var ws = new Workspace("nunit4");
        string empty = Directory.CreateDirectory(ws.File("no-dotnet-here")).FullName;
        var environment = Environment(("DOTNET_ROOT", empty));
        var runs = new[]
        {
            CliRun.Invoke(ws.RunArgs(), environment),
            CliRun.Invoke(["list", "--root", ws.PluginRoot], environment),
            CliRun.Invoke(["validate", "--root", ws.PluginRoot, "--state", ws.State], environment),
        };
        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
                Assert.That(run.Stderr, Does.StartWith("nodemonitor: cannot run: no .NET runtime can run nodemonitor-worker, which needs Microsoft.NETCore.App 10.0"), run.ToString());
                Assert.That(run.Stderr, Does.Contain($"DOTNET_ROOT={empty}: no .NET runtime there"), run.ToString());
                Assert.That(run.Stderr, Does.Not.Match(@"\n\s+at \S+\("), "no stack trace");
            }
            Assert.That(File.Exists(Path.Combine(ws.State, "nodemonitor.db")), Is.False, "nothing ran, nothing was stored");
        });
    }

    [Test]
    public void PluginsOfNagiosCommandsAloneNeedNoRuntime()
    {
        using var ws = new Workspace("nrpe-basic");
        string empty = Directory.CreateDirectory(ws.File("no-dotnet-here")).FullName;
        var run = CliRun.Invoke(ws.RunArgs(), Environment(("DOTNET_ROOT", empty)));
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString()); // its 'missing' command fails, as with a runtime
        Assert.That(run.Stdout, Does.Match(@"nrpe-basic\s+\d+ passed"), run.ToString());
    }

    /// <summary>The test host's .NET variables emptied (an empty value counts as unset), then <paramref name="set"/>.</summary>
    private static Dictionary<string, string> Environment(params (string Name, string Value)[] set)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = "", ["DOTNET_ROOT_X64"] = "", ["DOTNET_HOST_PATH"] = "", ["DOTNET_ROOT_ARM64"] = "",
        };
        foreach (var (name, value) in set) environment[name] = value;
        return environment;
    }
}
