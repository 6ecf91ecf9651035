using NUnit.Framework;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Tests.Nagios;

public sealed class NagiosMacrosTests
{
    private static NagiosCommand Command(string line) => new("check_x", line, "/p/nrpe.cfg", 7);

    [Test]
    public void User1ResolvesToTheDebianPluginFolderByDefault()
    {
        string resolved = NagiosMacros.Resolve(Command("$USER1$/check_load -w 5"), NagiosSettings.Default.Macros);
        Assert.That(resolved, Is.EqualTo("/usr/lib/nagios/plugins/check_load -w 5"));
    }

    [Test]
    public void ConfiguredMacrosAddToTheDefaultsAndDoubleDollarIsADollar()
    {
        var macros = NagiosSettings.Default.WithMacros(new Dictionary<string, string> { ["USER2"] = "/opt/checks" }).Macros;
        string resolved = NagiosMacros.Resolve(Command("$USER2$/a $USER1$/b $$ $HOME/x"), macros);
        Assert.That(resolved, Is.EqualTo("/opt/checks/a /usr/lib/nagios/plugins/b $ $HOME/x"));
    }

    [Test]
    public void AnUnknownMacroIsAnErrorNamingItAndTheDefinition()
    {
        var error = Assert.Throws<ConfigurationException>(() => NagiosMacros.Resolve(Command("$USER7$/check_load"), NagiosSettings.Default.Macros))!;
        Assert.That(error.Describe(), Does.Contain("$USER7$").And.Contain("/p/nrpe.cfg:7").And.Contain("check_x").And.Contain("USER1"));
    }
}
