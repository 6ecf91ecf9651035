using NUnit.Framework;
using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Tests.Nagios;

public sealed class NrpeConfigParserTests
{
    [Test]
    public void CommandDefinitionsAreReadAndNrpeSettingsAreIgnoredWithANote()
    {
        var config = NrpeConfigParser.Parse(
        [
            "# nrpe.cfg from a node",
            "server_port=5666",
            "allowed_hosts=127.0.0.1",
            "",
            "command[check_root]=/usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /",
            "command[check_load]=$USER1$/check_load -w 5 -c 10",
        ], "/etc/nrpe.cfg");

        Assert.That(config.Commands, Is.EqualTo(new[]
        {
            new NagiosCommand("check_root", "/usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /", "/etc/nrpe.cfg", 5),
            new NagiosCommand("check_load", "$USER1$/check_load -w 5 -c 10", "/etc/nrpe.cfg", 6),
        }));
        Assert.That(config.Notes.Select(n => n.Line), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(config.Notes[0].ToString(), Does.Contain("/etc/nrpe.cfg:2").And.Contain("server_port=5666"));
    }

    [Test]
    public void MalformedDefinitionsAreNotesNotErrors()
    {
        var config = NrpeConfigParser.Parse(["command[]=/bin/true", "command[x]", "command[y]=  "], "f.cfg");
        Assert.That(config.Commands, Is.Empty);
        Assert.That(config.Notes, Has.Count.EqualTo(3));
    }

    [Test]
    public void ALaterDefinitionOfTheSameNameWinsAsInNrpe()
    {
        var config = NrpeConfigParser.Parse(["command[a]=/bin/false", "command[a]=/bin/true"], "f.cfg");
        Assert.That(config.Commands.Single().CommandLine, Is.EqualTo("/bin/true"));
        Assert.That(config.Notes.Single().Message, Does.Contain("defined again on line 2"));
    }
}
