using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Selection;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Discovery;

public sealed class RunPlannerTests
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    private static PluginDescriptor Plugin(string name, PluginManifest? manifest = null) =>
        new(name, $"/plugins/{name}", [$"/plugins/{name}/Checks.dll"], manifest ?? PluginManifest.Default);

    private static DiscoveryResult Discovered(params PluginDescriptor[] plugins) =>
        new("/plugins", plugins, [new DiscoveryProblem("broken", "/plugins/broken", "no NUnit test assembly found")]);

    [Test]
    public void WithoutNamesEveryEnabledPluginRuns()
    {
        var discovery = Discovered(Plugin("cpu"), Plugin("disk", PluginManifest.Default with { Enabled = false }), Plugin("net"));

        var plan = RunPlanner.Plan(discovery, [], null, DefaultTimeout);

        Assert.That(plan.Plugins.Select(p => p.Plugin.Name), Is.EqualTo(new[] { "cpu", "net" }));
    }

    [Test]
    public void NamedPluginsRunInNameOrderOnce()
    {
        var plan = RunPlanner.Plan(Discovered(Plugin("cpu"), Plugin("disk"), Plugin("net")), ["net", "cpu", "net"], null, DefaultTimeout);

        Assert.That(plan.Plugins.Select(p => p.Plugin.Name), Is.EqualTo(new[] { "cpu", "net" }));
    }

    [Test]
    public void AnUnknownNameIsAnErrorListingTheValidNames()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            RunPlanner.Plan(Discovered(Plugin("cpu"), Plugin("disk")), ["dsik"], null, DefaultTimeout))!;

        Assert.That(error.Message, Does.Contain("'dsik'").And.Contain("cpu, disk"));
    }

    [Test]
    public void NamingAPluginThatHasAProblemSaysWhyItCannotRun()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            RunPlanner.Plan(Discovered(Plugin("cpu")), ["broken"], null, DefaultTimeout))!;

        Assert.That(error.Message, Does.Contain("no NUnit test assembly found"));
    }

    [Test]
    public void ADisabledPluginDoesNotRunEvenWhenNamed()
    {
        var discovery = Discovered(Plugin("cpu"), Plugin("disk", PluginManifest.Default with { Enabled = false }));

        var plan = RunPlanner.Plan(discovery, ["cpu", "disk"], null, DefaultTimeout);

        Assert.That(plan.Plugins.Select(p => p.Plugin.Name), Is.EqualTo(new[] { "cpu" }));
        Assert.That(RunPlanner.NamedButDisabled(discovery, ["cpu", "disk"]), Is.EqualTo(new[] { "disk" }));
    }

    [Test]
    public void CategoriesManifestWhereAndCommandLineWhereMustAllHold()
    {
        var manifest = PluginManifest.Default with { Categories = ["fast", "it's"], Where = WhereExpression.Parse("test =~ Disk or cat == a") };

        var planned = RunPlanner.Plan(Discovered(Plugin("disk", manifest)), [], WhereExpression.Parse("cat != slow"), DefaultTimeout).Plugins.Single();

        Assert.That(planned.Where?.ToString(), Is.EqualTo(@"(cat == 'fast' or cat == 'it\'s') and (test =~ 'Disk' or cat == 'a') and cat != 'slow'"));
    }

    [Test]
    public void WithoutAnySelectionWhereIsNull()
    {
        var planned = RunPlanner.Plan(Discovered(Plugin("disk")), [], null, DefaultTimeout).Plugins.Single();

        Assert.That(planned.Where, Is.Null);
    }

    [Test]
    public void TheCommandLineWhereAloneIsTheSelection()
    {
        var where = WhereExpression.Parse("cat == a or cat == b");

        var planned = RunPlanner.Plan(Discovered(Plugin("disk")), [], where, DefaultTimeout).Plugins.Single();

        Assert.That(planned.Where, Is.SameAs(where));
    }

    [Test]
    public void TheManifestTimeoutWinsOverTheDefault()
    {
        var discovery = Discovered(Plugin("cpu"), Plugin("disk", PluginManifest.Default with { Timeout = TimeSpan.FromSeconds(10) }));

        var timeouts = RunPlanner.Plan(discovery, [], null, DefaultTimeout).Plugins.Select(p => p.Timeout);

        Assert.That(timeouts, Is.EqualTo(new[] { DefaultTimeout, TimeSpan.FromSeconds(10) }));
    }
}
