using System.Text.Json;
using NodeMonitor.Plugins.LinuxHealth.Judging;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

/// <summary>The plugin.json that ships beside the assembly documents every setting with its real default.</summary>
[TestFixture]
[Category("self-test")]
public sealed class ShippedManifestTests
{
    private static JsonElement Manifest()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "plugin.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    [Test]
    public void TheEnvironmentListsEveryVariableWithItsDefault()
    {
        var environment = Manifest().GetProperty("environment").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString());

        Assert.That(environment, Is.EquivalentTo(HealthSettings.All.ToDictionary(s => s.Variable, s => (string?)s.DefaultValue)));
    }

    [Test]
    public void NodeRunsLeaveTheSelfTestsOut()
    {
        Assert.That(Manifest().GetProperty("where").GetString(), Is.EqualTo("cat != self-test"));
    }
}
