using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Extension.Tests;

/// <summary>A desk user's runs go to their own XDG state directory unless something chose another one.</summary>
public class DeskStateDirectoryTests
{
    private static readonly NodeMonitorConfig SystemDefault = NodeMonitorConfig.Defaults();

    [Test]
    public void AUserWithoutAChoiceGetsTheXdgStateHome()
    {
        var config = DeskStateDirectory.Apply(SystemDefault, Env(("HOME", "/home/ann"), ("XDG_STATE_HOME", "/home/ann/st")), privileged: false);

        Assert.That(config.StateDirectory, Is.EqualTo("/home/ann/st/nodemonitor"));
    }

    [Test]
    public void WithoutXdgStateHomeItIsLocalStateUnderHome()
    {
        var config = DeskStateDirectory.Apply(SystemDefault, Env(("HOME", "/home/ann")), privileged: false);

        Assert.That(config.StateDirectory, Is.EqualTo("/home/ann/.local/state/nodemonitor"));
    }

    [Test]
    public void ARelativeXdgStateHomeIsIgnoredAsTheSpecificationSays()
    {
        var config = DeskStateDirectory.Apply(SystemDefault, Env(("HOME", "/home/ann"), ("XDG_STATE_HOME", "st")), privileged: false);

        Assert.That(config.StateDirectory, Is.EqualTo("/home/ann/.local/state/nodemonitor"));
    }

    [Test]
    public void RootKeepsTheSystemStore()
    {
        var config = DeskStateDirectory.Apply(SystemDefault, Env(("HOME", "/root")), privileged: true);

        Assert.That(config.StateDirectory, Is.EqualTo(NodeMonitorConfig.DefaultStateDirectory));
    }

    [Test]
    public void TheVariableOrTheConfigurationFileWins()
    {
        var fromVariable = DeskStateDirectory.Apply(SystemDefault with { StateDirectory = "/srv/s" },
            Env(("HOME", "/home/ann"), (DeskStateDirectory.Variable, "/srv/s")), privileged: false);
        var fromFile = DeskStateDirectory.Apply(SystemDefault with { StateDirectory = "/srv/f" }, Env(("HOME", "/home/ann")), privileged: false);

        Assert.That((fromVariable.StateDirectory, fromFile.StateDirectory), Is.EqualTo(("/srv/s", "/srv/f")));
    }

    [Test]
    public void WithoutAHomeTheSystemStoreStays()
    {
        var config = DeskStateDirectory.Apply(SystemDefault, Env(), privileged: false);

        Assert.That(config.StateDirectory, Is.EqualTo(NodeMonitorConfig.DefaultStateDirectory));
    }

    private static Dictionary<string, string?> Env(params (string Key, string Value)[] variables) =>
        variables.ToDictionary(v => v.Key, v => (string?)v.Value);
}
