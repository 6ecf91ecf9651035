using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>What build/build.sh lays out precompiled (ReadyToRun): the NUnit the worker loads instead of a plugin's copy
/// of the same build, and the shipped plugin. A precompiled image that lost its MVID would never be used.</summary>
public sealed class PrecompiledLayoutTests
{
    [TestCase("nunit.framework.dll")]
    [TestCase("nunit.framework.legacy.dll")]
    public void TheWorkerShipsPrecompiledNUnitOfThePinnedBuild(string file)
    {
        // This test project references the NUnit version the template and the plugins pin, as published by NuGet.
        var pinned = Read(Path.Combine(TestContext.CurrentContext.TestDirectory, file));
        var image = Read(Path.Combine(Repo.Root, "artifacts", "bin", "nunit-images", file));
        Assert.Multiple(() =>
        {
            Assert.That(pinned.Precompiled, Is.False, "the package's copy is IL only");
            Assert.That(image.Precompiled, Is.True);
            Assert.That(image.Mvid, Is.EqualTo(pinned.Mvid), "the same build, so plugins that ship the package's copy get the image");
        });
    }

    [Test]
    public void TheShippedPluginIsPrecompiled()
    {
        string plugin = Repo.Plugin("linux-health");
        Assert.Multiple(() =>
        {
            Assert.That(Read(Path.Combine(plugin, "NodeMonitor.Plugins.LinuxHealth.dll")).Precompiled, Is.True);
            Assert.That(Read(Path.Combine(plugin, "nunit.framework.dll")).Precompiled, Is.True);
        });
    }

    private static (Guid Mvid, bool Precompiled) Read(string path)
    {
        Assert.That(File.Exists(path), Is.True, $"{path} is missing: run build/build.sh");
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return (metadata.GetGuid(metadata.GetModuleDefinition().Mvid), pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);
    }
}
