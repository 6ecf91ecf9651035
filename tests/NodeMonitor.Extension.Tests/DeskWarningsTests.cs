namespace NodeMonitor.Extension.Tests;

/// <summary>`dotnet test` hides the test host's stderr below -v normal, so warnings also go to the terminal.</summary>
public class DeskWarningsTests
{
    [Test]
    public void AWarningGoesToStderrAndToTheTerminal()
    {
        var stderr = new StringWriter();
        var terminal = new StringWriter();

        new DeskWarnings(stderr, () => terminal).Warn("this run is not stored locally");

        Assert.That(stderr.ToString(), Is.EqualTo("NodeMonitor extension: warning: this run is not stored locally" + Environment.NewLine));
        Assert.That(terminal.ToString(), Is.EqualTo(stderr.ToString()));
    }

    [Test]
    public void WithoutATerminalStderrAloneCarriesIt()
    {
        var stderr = new StringWriter();

        new DeskWarnings(stderr, () => null).Warn("x");

        Assert.That(stderr.ToString(), Does.Contain("warning: x"));
    }

    [Test]
    public void AClosedTerminalDoesNotStopTheWarningOnStderr()
    {
        var stderr = new StringWriter();
        var terminal = new StringWriter();
        terminal.Dispose();

        Assert.DoesNotThrow(() => new DeskWarnings(stderr, () => terminal).Warn("x"));
        Assert.That(stderr.ToString(), Does.Contain("warning: x"));
    }

    [Test]
    public void TheTerminalIsOpenedOnlyWhenThereIsSomethingToSay()
    {
        int opened = 0;
        var warnings = new DeskWarnings(new StringWriter(), () => { opened++; return null; });
        Assert.That(opened, Is.EqualTo(0));

        warnings.Warn("a");
        warnings.Warn("b");
        Assert.That(opened, Is.EqualTo(1));
    }
}
