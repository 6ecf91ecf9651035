using NodeMonitor.Execution.Hosting;

namespace NodeMonitor.Execution.Tests;

/// <summary>A plugin's NUnit is replaced by the shipped precompiled image only when the two are the same build.</summary>
public sealed class PrecompiledNUnitTests
{
    private string _images = "";
    private string _plugin = "";

    private static string TestBin => TestContext.CurrentContext.TestDirectory;

    [SetUp]
    public void CreateFolders()
    {
        _images = Directory.CreateTempSubdirectory("nm-images-").FullName;
        _plugin = Directory.CreateTempSubdirectory("nm-plugin-").FullName;
        File.Copy(Path.Combine(TestBin, "nunit.framework.dll"), Path.Combine(_plugin, "nunit.framework.dll"));
        File.Copy(Path.Combine(TestBin, "nunit.framework.legacy.dll"), Path.Combine(_plugin, "nunit.framework.legacy.dll"));
    }

    [TearDown]
    public void RemoveFolders()
    {
        Directory.Delete(_images, recursive: true);
        Directory.Delete(_plugin, recursive: true);
    }

    [TestCase("nunit.framework.dll")]
    [TestCase("nunit.framework.legacy.dll")]
    public void SameBuildLoadsTheImage(string file)
    {
        File.Copy(Path.Combine(_plugin, file), Path.Combine(_images, file));
        Assert.That(PrecompiledNUnit.FileToLoad(Path.Combine(_plugin, file), _images), Is.EqualTo(Path.Combine(_images, file)));
    }

    [Test]
    public void AnotherBuildLoadsThePluginsCopy()
    {
        // An image of another build under the same name: a different MVID.
        File.Copy(Path.Combine(_plugin, "nunit.framework.legacy.dll"), Path.Combine(_images, "nunit.framework.dll"));
        string pluginCopy = Path.Combine(_plugin, "nunit.framework.dll");
        Assert.That(PrecompiledNUnit.FileToLoad(pluginCopy, _images), Is.EqualTo(pluginCopy));
    }

    [Test]
    public void NoImageLoadsThePluginsCopy()
    {
        string pluginCopy = Path.Combine(_plugin, "nunit.framework.dll");
        Assert.That(PrecompiledNUnit.FileToLoad(pluginCopy, _images), Is.EqualTo(pluginCopy));
    }

    [Test]
    public void OnlyNUnitsAssembliesAreReplaced()
    {
        // A plugin assembly that happens to have a file of its name (and build) in the images folder stays the plugin's.
        string own = Path.Combine(_plugin, "Checks.dll");
        File.Copy(Path.Combine(_plugin, "nunit.framework.dll"), own);
        File.Copy(own, Path.Combine(_images, "Checks.dll"));
        Assert.That(PrecompiledNUnit.FileToLoad(own, _images), Is.EqualTo(own));
    }

    [Test]
    public void UnreadablePluginCopyLoadsThePluginsCopy()
    {
        File.Copy(Path.Combine(_plugin, "nunit.framework.dll"), Path.Combine(_images, "nunit.framework.dll"));
        string broken = Path.Combine(_plugin, "nunit.framework.dll");
        File.WriteAllText(broken, "not an assembly");
        Assert.That(PrecompiledNUnit.FileToLoad(broken, _images), Is.EqualTo(broken));
    }
}
