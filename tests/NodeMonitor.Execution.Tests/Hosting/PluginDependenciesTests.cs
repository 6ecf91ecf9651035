using NodeMonitor.Execution.Hosting;
using NodeMonitor.Execution.Tests.Support;

namespace NodeMonitor.Execution.Tests.Hosting;

/// <summary>The plugin's own files as the test host's lists have them (trusted assemblies, native search folders), read
/// from the published Fidelity fixture: a project reference, packages, and a package with native libraries per platform.</summary>
public sealed class PluginDependenciesTests
{
    private static string Folder => Path.Combine(FixturePlugins.Root, "fidelity");

    private static PluginLoadContext Context() => new(Path.Combine(Folder, "Fixtures.Fidelity.dll"), shareNUnit: false);

    [Test]
    public void RuntimeAssembliesAreThePluginsFilesEachOnce()
    {
        var dependencies = PluginDependencies.Read(Path.Combine(Folder, "Fixtures.Fidelity.deps.json"), Context());
        Assert.That(dependencies.RuntimeAssemblies.Select(Path.GetFileName),
            Is.SupersetOf(new[] { "Fixtures.Fidelity.dll", "Fixtures.Fidelity.Library.dll", "Microsoft.Data.Sqlite.dll", "nunit.framework.dll" }));
        Assert.That(dependencies.RuntimeAssemblies, Is.Unique);
        Assert.That(dependencies.RuntimeAssemblies, Has.All.StartsWith(Folder + Path.DirectorySeparatorChar));
        Assert.That(dependencies.RuntimeAssemblies.Where(File.Exists), Is.EquivalentTo(dependencies.RuntimeAssemblies));
        Assert.That(dependencies.ListedAssemblies, Does.Contain("Fixtures.Fidelity.Library").And.Contain("nunit.framework"));
        Assert.That(dependencies.ListedAssemblies, Does.Not.Contain("System.CommandLine"), "compiled against, not shipped");
    }

    [Test]
    public void NativeFoldersAreThisPlatformsOnly()
    {
        var dependencies = PluginDependencies.Read(Path.Combine(Folder, "Fixtures.Fidelity.deps.json"), Context());
        Assert.That(dependencies.NativeFolders, Has.Count.EqualTo(1), "SQLite's native library for this platform, not every platform's");
        string folder = dependencies.NativeFolders[0];
        Assert.That(folder, Does.StartWith(Path.Combine(Folder, "runtimes") + Path.DirectorySeparatorChar).And.EndWith(Path.DirectorySeparatorChar.ToString()));
        Assert.That(Directory.EnumerateFiles(folder, "*e_sqlite3*"), Is.Not.Empty);
    }

    [Test]
    public void MissingOrUnreadableDepsFileGivesNothing()
    {
        string unreadable = Path.Combine(Path.GetTempPath(), $"nm-deps-{Guid.NewGuid():N}.deps.json");
        File.WriteAllText(unreadable, "{ \"targets\": { not json");
        try
        {
            foreach (string deps in new[] { unreadable, Path.Combine(Folder, "absent.deps.json") })
            {
                var dependencies = PluginDependencies.Read(deps, Context());
                Assert.That(dependencies.RuntimeAssemblies, Is.Empty, deps);
                Assert.That(dependencies.NativeFolders, Is.Empty, deps);
            }
        }
        finally
        {
            File.Delete(unreadable);
        }
    }
}
