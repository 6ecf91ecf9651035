using NUnit.Framework;
using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Tests.Nagios;

public sealed class NagiosOutputTests
{
    [Test]
    public void TheFirstLineBeforeTheBarIsTheMessage()
    {
        var output = NagiosOutput.Parse("DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n");
        Assert.That(output.Message, Is.EqualTo("DISK OK - free space: / 3326 MB (56%);"));
        Assert.That(output.LongText, Is.Null);
        Assert.That(output.PerfData.Single().Label, Is.EqualTo("/"));
    }

    [Test]
    public void LongTextAndPerfDataOnLaterLinesFollowThePluginGuidelinesLayout()
    {
        // The example of the Nagios plugin API documentation.
        const string text = """
            DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968
            / 15272 MB (77%);
            /boot 68 MB (69%);
            /home 69357 MB (27%);
            /var/log 819 MB (84%); | /boot=68MB;88;93;0;98
            /home=69357MB;253404;253409;0;253414
            /var/log=818MB;970;975;0;980
            """;
        var output = NagiosOutput.Parse(text);
        Assert.That(output.LongText, Is.EqualTo("/ 15272 MB (77%);\n/boot 68 MB (69%);\n/home 69357 MB (27%);\n/var/log 819 MB (84%);"));
        Assert.That(output.PerfData.Select(p => p.Label), Is.EqualTo(new[] { "/", "/boot", "/home", "/var/log" }));
        Assert.That(output.PerfDataErrors, Is.Empty);
    }

    [Test]
    public void OutputWithoutPerfDataIsAllText()
    {
        var output = NagiosOutput.Parse("PROCS OK: 3 processes\nline two\n");
        Assert.That((output.Message, output.LongText, output.PerfData.Count), Is.EqualTo(("PROCS OK: 3 processes", "line two", 0)));
    }
}
