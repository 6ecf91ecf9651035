using NodeMonitor.Execution.Supervision;

namespace NodeMonitor.Execution.Tests.Supervision;

/// <summary>The order in which a native CLI looks for the .NET runtime of its worker, as the apphost does, over fake
/// installations in a temporary folder standing for the file system root.</summary>
public sealed class DotnetRootSearchTests
{
    private static readonly Version Needed = new(10, 0, 0);
    private string _system = "";
    private string _app = "";
    private readonly Dictionary<string, string> _environment = [];

    [SetUp]
    public void CreateTheFakeRoot()
    {
        _environment.Clear();
        _system = Directory.CreateTempSubdirectory("nm-dotnet-root-").FullName;
        _app = Directory.CreateDirectory(Path.Combine(_system, "opt", "nodemonitor")).FullName;
    }

    [TearDown]
    public void RemoveIt() => Directory.Delete(_system, recursive: true);

    private DotnetRootFound Find() =>
        new DotnetRootSearch(name => _environment.GetValueOrDefault(name), _system, _app, Needed, "x64").Find();

    /// <summary>A .NET installation at <paramref name="relative"/> under the fake root with these Microsoft.NETCore.App versions.</summary>
    private string Installation(string relative, params string[] runtimes)
    {
        string root = Path.Combine(_system, relative);
        Directory.CreateDirectory(Path.Combine(root, "host", "fxr", "10.0.0"));
        Directory.CreateDirectory(Path.Combine(root, "shared", "Microsoft.NETCore.App"));
        foreach (string version in runtimes) Directory.CreateDirectory(Path.Combine(root, "shared", "Microsoft.NETCore.App", version));
        File.WriteAllText(Path.Combine(root, "dotnet"), "");
        return root;
    }

    private void InstallLocation(string fileName, string root)
    {
        Directory.CreateDirectory(Path.Combine(_system, "etc", "dotnet"));
        File.WriteAllText(Path.Combine(_system, "etc", "dotnet", fileName), root + "\n");
    }

    [Test]
    public void TheDefaultLocationsAreTriedInTheApphostsOrder()
    {
        string share = Installation("usr/share/dotnet", "10.0.1");
        Installation("usr/local/share/dotnet", "10.0.1");
        Assert.That(Find().Root, Is.EqualTo(share));
        string lib = Installation("usr/lib/dotnet", "10.0.0");
        Assert.That(Find().Root, Is.EqualTo(lib));
    }

    [Test]
    public void DotnetOnThePathIsFollowedThroughItsSymlinksAndComesBeforeTheDefaults()
    {
        Installation("usr/share/dotnet", "10.0.1");
        string elsewhere = Installation("opt/dotnet-10", "10.0.2");
        string bin = Directory.CreateDirectory(Path.Combine(_system, "usr", "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), "../../opt/dotnet-10/dotnet");
        _environment["PATH"] = $"{Path.Combine(_system, "nothing-here")}:relative/bin:{bin}";
        Assert.That(Find().Root, Is.EqualTo(elsewhere));
    }

    [Test]
    public void InstallLocationFilesComeBeforeThePathAndTheArchitectureSpecificOneFirst()
    {
        string onPath = Installation("opt/on-path", "10.0.0");
        _environment["PATH"] = onPath;
        string general = Installation("opt/general", "10.0.0");
        InstallLocation("install_location", general);
        Assert.That(Find().Root, Is.EqualTo(general));
        string x64 = Installation("opt/x64", "10.0.0");
        InstallLocation("install_location_x64", x64);
        Assert.That(Find().Root, Is.EqualTo(x64));
    }

    [Test]
    public void DotnetRootVariablesComeFirstTheArchitectureSpecificOneBeforeTheOther()
    {
        InstallLocation("install_location", Installation("opt/general", "10.0.0"));
        string plain = Installation("opt/plain", "10.0.0");
        _environment["DOTNET_ROOT"] = plain;
        Assert.That(Find().Root, Is.EqualTo(plain));
        string x64 = Installation("opt/x64", "10.0.0");
        _environment["DOTNET_ROOT_X64"] = x64;
        Assert.That(Find().Root, Is.EqualTo(x64));
    }

    [Test]
    public void ADotnetRootVariableIsTakenAsTheApphostTakesItEvenWhenItCannotRunTheWorker()
    {
        Installation("usr/share/dotnet", "10.0.0");
        _environment["DOTNET_ROOT"] = Installation("opt/old", "8.0.11");
        var found = Find();
        Assert.That(found.Root, Is.Null);
        Assert.That(found.Problem, Does.Contain($"DOTNET_ROOT={_environment["DOTNET_ROOT"]}: Microsoft.NETCore.App 8.0.11"));
    }

    [Test]
    public void LocationsWithoutASuitableRuntimeArePassedOver()
    {
        InstallLocation("install_location", Installation("opt/runtime-8", "8.0.11", "9.0.3"));
        Installation("usr/lib/dotnet");
        string share = Installation("usr/share/dotnet", "10.0.0-rc.2.25502.107", "10.0.3");
        Assert.That(Find().Root, Is.EqualTo(share));
    }

    [Test]
    public void ARuntimeBesideTheCliIsASelfContainedLayoutThatNeedsNoInstallation()
    {
        File.WriteAllText(Path.Combine(_app, "libhostfxr.so"), "");
        File.WriteAllText(Path.Combine(_app, "libcoreclr.so"), "");
        _environment["DOTNET_ROOT"] = Installation("opt/dotnet", "10.0.0");
        var found = Find();
        Assert.That((found.Root, found.SelfContained, found.Problem), Is.EqualTo(((string?)null, true, (string?)null)));
    }

    [Test]
    public void WithoutAnyRuntimeTheProblemNamesWhatIsNeededAndWhereItLooked()
    {
        InstallLocation("install_location", Path.Combine(_system, "gone"));
        Installation("usr/share/dotnet", "9.0.3");
        var found = Find();
        Assert.That(found.Root, Is.Null);
        Assert.That(found.Problem, Does.StartWith("no .NET runtime can run nodemonitor-worker, which needs Microsoft.NETCore.App 10.0"));
        Assert.That(found.Problem, Does.Contain($"{Path.Combine(_system, "gone")}: no .NET runtime there"));
        Assert.That(found.Problem, Does.Contain($"{Path.Combine(_system, "usr/share/dotnet")}: Microsoft.NETCore.App 9.0.3"));
        Assert.That(found.Problem, Does.EndWith("Install the .NET 10 runtime or point DOTNET_ROOT at one"));
    }

    [TestCase("10.0.0", true)]
    [TestCase("10.0.7", true)]
    [TestCase("10.1.0", true)]
    [TestCase("10.0.0-rc.2.25502.107", true)]
    [TestCase("9.0.11", false)]
    [TestCase("11.0.0", false)]
    [TestCase("latest", false)]
    public void ARuntimeRollsForwardWithinItsMajorVersionOnly(string installed, bool satisfies) =>
        Assert.That(DotnetRootSearch.Satisfies(installed, Needed), Is.EqualTo(satisfies));

    [Test]
    public void TheNeededVersionIsTheOneTheWorkersRuntimeConfigAsksFor()
    {
        string config = Path.Combine(_app, "nodemonitor-worker.runtimeconfig.json");
        File.WriteAllText(config, """
            { "runtimeOptions": { "tfm": "net10.0", "frameworks": [
                { "name": "Microsoft.AspNetCore.App", "version": "10.0.4" },
                { "name": "Microsoft.NETCore.App", "version": "10.0.2" } ] } }
            """);
        Assert.That(DotnetInstallation.NeededRuntime(config), Is.EqualTo(new Version(10, 0, 2)));
        File.WriteAllText(config, """{ "runtimeOptions": { "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""");
        Assert.That(DotnetInstallation.NeededRuntime(config), Is.EqualTo(new Version(10, 0, 0)));
        File.WriteAllText(config, "not json");
        Assert.That(DotnetInstallation.NeededRuntime(config).Major, Is.EqualTo(Environment.Version.Major));
    }

    [Test]
    public void AProcessRunByDotnetUsesTheInstallationRunningIt()
    {
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        Assert.That(DotnetInstallation.Root, Is.EqualTo(Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."))));
        Assert.That(DotnetInstallation.Problem, Is.Null);
    }
}
