using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Nagios;
using NodeMonitor.Execution.Planning;

namespace NodeMonitor.Execution.Tests.Planning;

public sealed class WorkerSharingTests
{
    private static PlannedPlugin Plugin(string name, PluginLimits? limits = null, Dictionary<string, string>? environment = null,
        bool ownProcess = false, bool nagios = false, bool assemblies = true)
    {
        var manifest = PluginManifest.Default with
        {
            Limits = limits ?? PluginLimits.Default,
            Environment = environment ?? new Dictionary<string, string>(),
            OwnProcess = ownProcess,
        };
        var descriptor = new PluginDescriptor(name, "/plugins/" + name, assemblies ? [$"/plugins/{name}/{name}.dll"] : [], manifest)
        {
            NagiosCommands = nagios ? [new NagiosCommand("check_x", "/bin/true", "nrpe.cfg", 1)] : [],
        };
        return new PlannedPlugin(descriptor, null, TimeSpan.FromSeconds(60));
    }

    private static List<List<string>> Units(int parallelism, params PlannedPlugin[] plugins) =>
        Units(parallelism, _ => null, plugins);

    private static List<List<string>> Units(int parallelism, Func<PlannedPlugin, string?> runtime, params PlannedPlugin[] plugins) =>
        WorkerSharing.Units(plugins, parallelism, runtime).Select(u => u.Select(i => plugins[i].Plugin.Name).ToList()).ToList();

    [Test]
    public void PluginsThatAgreeShareOneWorkerEvenWithDifferentOrdinaryVariables()
    {
        var units = Units(1, Plugin("a"), Plugin("b", environment: new() { ["THRESHOLD"] = "5" }), Plugin("c"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "b", "c" } }));
    }

    [Test]
    public void DifferentLimitsNeverShare()
    {
        var units = Units(1, Plugin("a"), Plugin("user", new PluginLimits(512, 60, "nobody")), Plugin("memory", new PluginLimits(256, 60, null)),
            Plugin("cpu", new PluginLimits(512, 5, null)), Plugin("b"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "b" }, ["user"], ["memory"], ["cpu"] }));
    }

    [Test]
    public void PluginsWithAUserNeverShareEvenTheSameUser()
    {
        var nobody = new PluginLimits(512, 60, "nobody");
        var units = Units(1, Plugin("a"), Plugin("n1", nobody), Plugin("n2", nobody), Plugin("b"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "b" }, ["n1"], ["n2"] }));
    }

    [TestCase("DOTNET_gcServer")]
    [TestCase("TZ")]
    [TestCase("LANG")]
    [TestCase("LC_ALL")]
    [TestCase("LD_PRELOAD")]
    public void VariablesReadAtProcessStartMustBeEqualToShare(string variable)
    {
        var units = Units(1, Plugin("a", environment: new() { [variable] = "1" }), Plugin("b"), Plugin("c", environment: new() { [variable] = "1" }));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "c" }, ["b"] }));
    }

    [Test]
    public void DifferentRuntimeConfigurationsNeverShare()
    {
        var units = Units(1, p => p.Plugin.Name == "invariant" ? "{\"System.Globalization.Invariant\":true}" : null,
            Plugin("a"), Plugin("invariant"), Plugin("b"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "b" }, ["invariant"] }));
    }

    [Test]
    public void AnUnreadableRuntimeConfigurationRunsAlone()
    {
        var units = Units(1, p => p.Plugin.Name == "broken" ? throw new InvalidDataException("not JSON") : null,
            Plugin("a"), Plugin("broken"), Plugin("b"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "b" }, ["broken"] }));
    }

    [Test]
    public void IsolationNagiosCommandsAndNoAssembliesRunAlone()
    {
        var units = Units(1, Plugin("a"), Plugin("isolated", ownProcess: true), Plugin("nagios", nagios: true),
            Plugin("commands-only", nagios: true, assemblies: false), Plugin("b"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "b" }, ["isolated"], ["nagios"], ["commands-only"] }));
    }

    [Test]
    public void AGroupIsSpreadRoundRobinOverTheParallelWorkers()
    {
        var units = Units(2, Plugin("a"), Plugin("b"), Plugin("c"), Plugin("d"), Plugin("e"));
        Assert.That(units, Is.EqualTo(new[] { new[] { "a", "c", "e" }, ["b", "d"] }));
    }
}
