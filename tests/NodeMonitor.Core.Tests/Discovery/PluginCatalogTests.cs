using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Discovery;

public sealed class PluginCatalogTests
{
    private PluginRootBuilder _root = null!;

    [SetUp] public void CreateRoot() => _root = new PluginRootBuilder();
    [TearDown] public void DeleteRoot() => _root.Dispose();

    [Test]
    public void AFolderWithATestAssemblyAndItsDepsJsonIsAPlugin()
    {
        string folder = _root.TestPlugin("disk");

        var result = PluginCatalog.Discover(_root.Root);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Plugins, Has.Count.EqualTo(1));
        var plugin = result.Plugins[0];
        Assert.That(plugin.Name, Is.EqualTo("disk"));
        Assert.That(plugin.Directory, Is.EqualTo(folder));
        Assert.That(plugin.Assemblies, Is.EqualTo(new[] { Path.Combine(folder, "Checks.dll") }), "nunit.framework.dll is never a test assembly");
        Assert.That(plugin.Manifest, Is.SameAs(PluginManifest.Default));
    }

    [Test]
    public void PluginsAreSortedByNameAndHiddenFoldersAreSkipped()
    {
        _root.TestPlugin("zeta");
        _root.TestPlugin("Alpha");
        _root.TestPlugin("beta");
        _root.TestPlugin(".staging");

        var names = PluginCatalog.Discover(_root.Root).Plugins.Select(p => p.Name);

        Assert.That(names, Is.EqualTo(new[] { "Alpha", "beta", "zeta" }));
    }

    [Test]
    public void ADllWithoutADepsJsonIsNotATestAssembly()
    {
        _root.TestPlugin("disk", withDepsJson: false);

        var result = PluginCatalog.Discover(_root.Root);

        Assert.That(result.Plugins, Is.Empty);
        Assert.That(result.Problems, Is.EqualTo(new[] { new DiscoveryProblem("disk", Path.Combine(_root.Root, "disk"), PluginCatalog.NoTestAssemblyMessage) }));
    }

    [Test]
    public void ADllThatDoesNotReferenceNUnitIsNotATestAssembly()
    {
        _root.TestPlugin("disk");
        _root.NonTestAssembly("disk", "Helpers");

        var plugin = PluginCatalog.Discover(_root.Root).Plugins.Single();

        Assert.That(plugin.Assemblies.Select(Path.GetFileName), Is.EqualTo(new[] { "Checks.dll" }));
    }

    [Test]
    public void AFolderWithoutTestAssembliesIsAProblemNotAnError()
    {
        _root.NonTestAssembly("empty", "Library");
        _root.TestPlugin("disk");

        var result = PluginCatalog.Discover(_root.Root);

        Assert.That(result.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "disk" }));
        Assert.That(result.Problems.Single().Message, Does.Contain("no NUnit test assembly found"));
    }

    [Test]
    public void AssembliesNamedInTheManifestAreUsedExactly()
    {
        string folder = _root.TestPlugin("disk");
        _root.NonTestAssembly("disk", "Other");
        _root.Manifest("disk", """{ "assemblies": ["Other.dll"] }""");

        var plugin = PluginCatalog.Discover(_root.Root).Plugins.Single();

        Assert.That(plugin.Assemblies, Is.EqualTo(new[] { Path.Combine(folder, "Other.dll") }));
    }

    [Test]
    public void AMissingAssemblyNamedInTheManifestIsAProblemForThatPlugin()
    {
        _root.TestPlugin("disk");
        _root.Manifest("disk", """{ "assemblies": ["Checks.dll", "Gone.dll"] }""");

        var result = PluginCatalog.Discover(_root.Root);

        Assert.That(result.Plugins, Is.Empty);
        Assert.That(result.Problems.Single().Message, Does.Contain("'Gone.dll'"));
    }

    [Test]
    public void ADisabledPluginIsStillReturned()
    {
        _root.TestPlugin("disk");
        _root.Manifest("disk", """{ "enabled": false }""");

        var plugin = PluginCatalog.Discover(_root.Root).Plugins.Single();

        Assert.That(plugin.Manifest.Enabled, Is.False);
    }

    [Test]
    public void AnInvalidManifestMakesOnlyItsPluginAConfigurationProblem()
    {
        _root.TestPlugin("disk");
        _root.TestPlugin("net");
        _root.Manifest("disk", """{ "enabeld": false }""");

        var result = PluginCatalog.Discover(_root.Root);

        Assert.That(result.Plugins.Select(p => p.Name), Is.EqualTo(new[] { "net" }));
        var problem = result.Problems.Single();
        Assert.That(problem.Plugin, Is.EqualTo("disk"));
        Assert.That(problem.IsConfigurationError, Is.True);
        Assert.That(problem.Message, Does.Contain(Path.Combine(_root.Root, "disk", "plugin.json")).And.Contain("enabeld"));
    }

    [Test]
    public void AnEmptyRootHasNoPluginsAndNoProblems()
    {
        var result = PluginCatalog.Discover(_root.Root);

        Assert.That(result.Plugins, Is.Empty);
        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public void AMissingRootThrowsAnExceptionNamingThePath()
    {
        string missing = Path.Combine(_root.Root, "nope");

        var error = Assert.Throws<PluginRootNotFoundException>(() => PluginCatalog.Discover(missing))!;

        Assert.That(error.Message, Does.Contain(missing));
    }
}
