using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// The Debian package on a fresh node: a clean Debian 12 root with no .NET, `apt-get install ./nodemonitor_*.deb`, then
/// what an operator does, in order: validate, run, status, the web view, more plugins, an edited configuration, an
/// upgrade, `apt remove`, `apt purge`. The steps run once (one root); the tests check what each left behind.
/// Needs root (chroot) and, the first time, the Debian mirror apt uses (build/package-root.sh caches the root).
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class DebianPackageTests
{
    private const string State = "/var/lib/nodemonitor-state";
    private const string Config = "/etc/nodemonitor/nodemonitor.json";
    private const string EditedConfig = "// edited on this node\n{ \"node\": \"edited-node\", \"parallel\": 1 }\n";

    private string _work = "";
    private DebianRoot _root = null!;
    private CliRun _dotnetBefore = null!, _install = null!, _validate = null!, _run = null!, _status = null!;
    private CliRun _completion = null!, _manPage = null!;
    private CliRun _samplesRun = null!, _upgrade = null!, _statusAfterUpgrade = null!, _remove = null!, _purge = null!;
    private string? _served;
    private string _lastRunBeforeUpgrade = "", _configAfterUpgrade = "", _conffiles = "";
    private string[] _installedFiles = [];
    private byte[] _cliHead = [];
    private readonly Dictionary<string, string> _installedText = [];
    private bool _timerEnabled, _serveEnabled, _notifyEnabled, _storeAfterRemove, _configAfterRemove, _cliAfterRemove;
    private bool _stateAfterPurge, _configAfterPurge;

    [OneTimeSetUp]
    public void InstallUseUpgradeRemoveAndPurgeOnACleanRoot()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root: chroot into a Debian root");
        string deb = DebianPackage.Current();
        _work = Directory.CreateTempSubdirectory("nm-package-").FullName;
        _root = DebianRoot.Create();

        _dotnetBefore = _root.Run("sh", "-c", "command -v dotnet || ls -d /usr/share/dotnet /usr/lib/dotnet");
        _install = _root.AptInstall(deb);
        _install.AssertSucceeded("apt-get install of the package");
        _installedFiles = _root.Run("dpkg-query", "-L", "nodemonitor").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _conffiles = _root.Run("dpkg-query", "-W", "-f=${Conffiles}", "nodemonitor").Stdout;
        _cliHead = File.ReadAllBytes(_root.File("/usr/lib/nodemonitor/nodemonitor"))[..4];
        _timerEnabled = File.Exists(_root.File("/etc/systemd/system/timers.target.wants/nodemonitor.timer"));
        foreach (string file in new[] { "/lib/systemd/system/nodemonitor.service", "/usr/lib/nodemonitor/nodemonitor-worker.runtimeconfig.json" })
            _installedText[file] = File.ReadAllText(_root.File(file));
        _serveEnabled = Directory.EnumerateFiles(_root.File("/etc/systemd/system"), "nodemonitor-serve.service", SearchOption.AllDirectories).Any();
        _notifyEnabled = Directory.EnumerateFiles(_root.File("/etc/systemd/system"), "nodemonitor-notify.service", SearchOption.AllDirectories).Any();

        _validate = _root.Run("nodemonitor", "validate");
        _run = _root.Run("nodemonitor", "run");
        _status = _root.Run("nodemonitor", "status", "--all");
        _completion = _root.Run("bash", "-c", "source /usr/share/bash-completion/completions/nodemonitor && " +
            "COMP_LINE='nodemonitor st' COMP_POINT=14 COMP_WORDS=(nodemonitor st) COMP_CWORD=1 && _nodemonitor && echo ${COMPREPLY[*]}");
        _manPage = ChildProcess.Run("man", ["-l", _root.File("/usr/share/man/man1/nodemonitor.1.gz")],
            environment: new Dictionary<string, string> { ["MANPAGER"] = "cat", ["MANWIDTH"] = "120" });
        _samplesRun = RunTheSamplePlugins();
        _served = ServeAndFetchStatus();

        _lastRunBeforeUpgrade = LastRunId();
        File.WriteAllText(_root.File(Config), EditedConfig);
        _upgrade = _root.AptInstall(DebianPackage.NextVersion(deb, _work));
        _configAfterUpgrade = File.ReadAllText(_root.File(Config));
        _statusAfterUpgrade = _root.Run("nodemonitor", "status", "--format", "json");

        _remove = _root.Run("apt-get", "remove", "-y", "-q", "nodemonitor");
        _storeAfterRemove = File.Exists(_root.File($"{State}/nodemonitor.db"));
        _configAfterRemove = File.Exists(_root.File(Config));
        _cliAfterRemove = File.Exists(_root.File("/usr/bin/nodemonitor"));
        _purge = _root.Run("apt-get", "purge", "-y", "-q", "nodemonitor");
        _stateAfterPurge = Directory.Exists(_root.File(State));
        _configAfterPurge = Directory.Exists(_root.File("/etc/nodemonitor"));
    }

    [OneTimeTearDown]
    public void RemoveTheRoot()
    {
        _root?.Dispose();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void TheNodeHasNoDotnetAndAptInstallsThePackageWithItsDependencies()
    {
        Assert.That(_dotnetBefore.ExitCode, Is.Not.EqualTo(0), $"the root must not have .NET: {_dotnetBefore}");
        Assert.That(_install.Output, Does.Contain("Setting up nodemonitor"), _install.ToString());
    }

    [Test]
    public void ValidateRunAndStatusWorkOnTheFreshNode()
    {
        Assert.That(_validate.ExitCode, Is.EqualTo(0), _validate.ToString());
        Assert.That(_run.ExitCode, Is.AnyOf(0, 1), _run.ToString());
        Assert.That(_run.Stdout, Does.Match(@"linux-health\s+[1-9]\d* passed"), _run.ToString());
        Assert.That(_run.Output, Does.Not.Contain("plugin error").IgnoreCase, _run.ToString());
        Assert.That(_status.ExitCode, Is.EqualTo(_run.ExitCode), $"status reports the run's outcome\n{_status}");
        Assert.That(_status.Stdout, Does.Contain("linux-health"), _status.ToString());
    }

    [Test]
    public void TheWorkerHostsTheSamplePluginsWithTheRuntimeInsideThePackage()
    {
        // failing-demo fails on purpose (exit 1); every plugin must load and run its tests, none may error.
        Assert.That(_samplesRun.ExitCode, Is.EqualTo(1), _samplesRun.ToString());
        foreach (string plugin in SamplePlugins)
            Assert.That(_samplesRun.Stdout, Does.Match($@"{plugin}\s+[1-9]\d* passed"), _samplesRun.ToString());
        Assert.That(_samplesRun.Stdout, Does.Match(@"failing-demo\s+\d+ passed, [1-9]\d* failed"), _samplesRun.ToString());
        Assert.That(_samplesRun.Stdout, Does.Contain($"Plugins: {SamplePlugins.Length + 1} (0 errored)"), _samplesRun.ToString());
    }

    /// <summary>
    /// Trimming turns runtime features off through runtimeconfig.json switches. Plugins run in the worker and expect the
    /// runtime `dotnet test` gives them (JSON by reflection, DefaultValueAttribute, HTTP/3, ...): no switch may be off in the
    /// package that is on in the framework-dependent build, except those of Windows-, macOS- or hosting-only features.
    /// </summary>
    [Test]
    public void NoRuntimeFeatureIsTurnedOffForPlugins()
    {
        const string program = "nodemonitor-worker";
        string[] notOnALinuxNode =
        [
            "System.Runtime.InteropServices.BuiltInComInterop.IsSupported",
            "System.Runtime.InteropServices.EnableCppCLIHostActivation",
            "System.Runtime.InteropServices.Marshalling.EnableGeneratedComInterfaceComImportInterop",
            "System.Runtime.InteropServices.EnableConsumingManagedCodeFromNativeHosting",
            "System.Threading.Thread.EnableAutoreleasePool",
            "System.Net.Security.UseManagedNtlm",
            "System.Resources.UseSystemResourceKeys",
            "System.Text.Encoding.EnableUnsafeUTF7Encoding",
            "System.ComponentModel.TypeConverter.EnableUnsafeBinaryFormatterInDesigntimeLicenseContextSerialization",
            "Microsoft.Extensions.DependencyInjection.VerifyOpenGenericServiceTrimmability",
        ];
        var packaged = Switches(_installedText[$"/usr/lib/nodemonitor/{program}.runtimeconfig.json"]);
        var frameworkDependent = Switches(File.ReadAllText(Path.Combine(Repo.Root, "artifacts", "bin", $"{program}.runtimeconfig.json")));

        var turnedOff = packaged.Where(s => s.Value is false && !notOnALinuxNode.Contains(s.Key)
                                            && frameworkDependent.GetValueOrDefault(s.Key) is not false)
            .Select(s => s.Key);
        Assert.That(turnedOff, Is.Empty);
    }

    /// <summary>The CLI is native (NativeAOT): no managed nodemonitor.dll, no runtime configuration of its own; the runtime
    /// inside the package is the worker's.</summary>
    [Test]
    public void TheCliIsNativeAndTheRuntimeIsTheWorkers()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_cliHead, Is.EqualTo(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }));
            Assert.That(_installedFiles, Does.Not.Contain("/usr/lib/nodemonitor/nodemonitor.dll"));
            Assert.That(_installedFiles, Does.Not.Contain("/usr/lib/nodemonitor/nodemonitor.runtimeconfig.json"));
            Assert.That(_installedFiles, Does.Contain("/usr/lib/nodemonitor/nodemonitor-worker.dll"));
            Assert.That(_installedFiles, Does.Contain("/usr/lib/nodemonitor/libcoreclr.so"));
        });
    }

    private static Dictionary<string, bool?> Switches(string runtimeConfig)
    {
        using var json = JsonDocument.Parse(runtimeConfig);
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => (bool?)false,
                _ => null,
            });
    }

    [Test]
    public void ServeAnswersFromTheNativeCli()
    {
        Assert.That(_served, Does.Contain("linux-health"), "GET /api/v1/status of `nodemonitor serve` in the root");
    }

    [Test]
    public void TheTimerIsEnabledOnInstallAndTheWebViewAndNotifyAreNot()
    {
        Assert.That(_installedFiles, Does.Contain("/lib/systemd/system/nodemonitor.timer")
            .And.Contain("/lib/systemd/system/nodemonitor.service").And.Contain("/lib/systemd/system/nodemonitor-serve.service")
            .And.Contain("/lib/systemd/system/nodemonitor-notify.service"));
        Assert.That(_timerEnabled, Is.True, "timers.target.wants/nodemonitor.timer");
        Assert.That(_serveEnabled, Is.False, "nodemonitor-serve.service is installed, not enabled");
        Assert.That(_notifyEnabled, Is.False, "nodemonitor-notify.service is installed, not enabled");
        Assert.That(_installedText["/lib/systemd/system/nodemonitor.service"], Does.Contain("ExecStart=/usr/bin/nodemonitor run"));
    }

    [Test]
    public void TheConfigurationIsAConffileBesideTheManPageCompletionAndDocumentation()
    {
        Assert.That(_conffiles, Does.Contain(Config));
        Assert.That(_installedFiles, Does.Contain("/usr/bin/nodemonitor")
            .And.Contain("/var/lib/nodemonitor/linux-health/plugin.json")
            .And.Contain("/usr/share/man/man1/nodemonitor.1.gz")
            .And.Contain("/usr/share/bash-completion/completions/nodemonitor")
            .And.Contain("/usr/share/doc/nodemonitor/copyright")
            .And.Contain("/usr/share/doc/nodemonitor/changelog.gz"));
    }

    [Test]
    public void BashCompletesVerbsAndTheManPageDocumentsEveryVerb()
    {
        Assert.That(_completion.Stdout.Split(' ', StringSplitOptions.TrimEntries), Is.EquivalentTo(new[] { "status" }), _completion.ToString());
        Assert.That(_manPage.ExitCode, Is.EqualTo(0), _manPage.ToString());
        foreach (string verb in new[] { "run", "list", "validate", "status", "history", "serve", "sync", "ingest" })
            Assert.That(_manPage.Stdout, Does.Contain($"nodemonitor {verb}"), $"man nodemonitor has a section for {verb}");
    }

    [Test]
    public void AnUpgradeKeepsTheStoreAndTheEditedConfiguration()
    {
        Assert.That(_upgrade.ExitCode, Is.EqualTo(0), _upgrade.ToString());
        Assert.That(_upgrade.Output, Does.Contain($"Unpacking nodemonitor ({DebianPackage.Version}+upgrade1) over ({DebianPackage.Version})"),
            _upgrade.ToString());
        Assert.That(_configAfterUpgrade, Is.EqualTo(EditedConfig));
        Assert.That(_statusAfterUpgrade.ExitCode, Is.AnyOf(0, 1), _statusAfterUpgrade.ToString());
        Assert.That(LastRunId(_statusAfterUpgrade), Is.EqualTo(_lastRunBeforeUpgrade), "the run stored before the upgrade is still the last one");
    }

    [Test]
    public void RemoveKeepsTheStoreAndPurgeDeletesIt()
    {
        Assert.That(_remove.ExitCode, Is.EqualTo(0), _remove.ToString());
        Assert.That(_cliAfterRemove, Is.False, "apt remove removes the program");
        Assert.That(_storeAfterRemove, Is.True, "apt remove keeps the store");
        Assert.That(_configAfterRemove, Is.True, "apt remove keeps the configuration");
        Assert.That(_purge.ExitCode, Is.EqualTo(0), _purge.ToString());
        Assert.That(_stateAfterPurge, Is.False, "apt purge deletes the state directory");
        Assert.That(_configAfterPurge, Is.False, "apt purge deletes the configuration");
    }

    private static readonly string[] SamplePlugins = ["system-basics", "network-reachability", "resources-demo"];

    private CliRun RunTheSamplePlugins()
    {
        string samples = _root.File("/srv/samples");
        Directory.CreateDirectory(samples);
        foreach (string plugin in SamplePlugins.Append("failing-demo"))
            ChildProcess.Run("cp", ["-r", Repo.Plugin(plugin), Path.Combine(samples, plugin)]).AssertSucceeded($"copy {plugin}");
        return _root.Run("nodemonitor", "run", "--root", "/srv/samples", "--state", "/srv/samples-state");
    }

    private string? ServeAndFetchStatus()
    {
        int port = FreePort();
        using var serve = ChildProcess.Start("chroot", [_root.Path, "/usr/bin/nodemonitor", "serve", "--port", port.ToString()]);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60) && !serve.HasExited; waited += TimeSpan.FromMilliseconds(250))
            {
                try
                {
                    return http.GetStringAsync($"http://127.0.0.1:{port}/api/v1/status").GetAwaiter().GetResult();
                }
                catch (HttpRequestException)
                {
                    Thread.Sleep(250);
                }
            }
            return null;
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            serve.WaitForExit();
        }
    }

    private string LastRunId() => LastRunId(_root.Run("nodemonitor", "status", "--format", "json"));

    private static string LastRunId(CliRun status)
    {
        using var json = JsonDocument.Parse(status.Stdout);
        return json.RootElement.GetProperty("lastRun").GetProperty("runId").GetString() ?? "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
