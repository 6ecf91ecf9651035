using NUnit.Framework;

namespace NodeMonitor.Samples.FailingDemo;

/// <summary>
/// One test per outcome, so you can see how each looks in `nodemonitor run`, `nodemonitor status`
/// and the result files. The failure is deliberate; do not install this on a node you care about.
/// </summary>
[TestFixture]
public sealed class OutcomeDemo
{
    [Test]
    public void PassesBecauseTwoPlusTwoIsFour()
    {
        Assert.That(2 + 2, Is.EqualTo(4));
    }

    [Test]
    public void FailsWithAMessageThatSaysWhatIsWrongAndWhatToDo()
    {
        // Shaped like a real check: the measured value, the limit, and where the limit comes from.
        const double usedPercent = 97.5;
        const double criticalPercent = 90;

        Assert.That(usedPercent, Is.LessThanOrEqualTo(criticalPercent),
            $"/demo: {usedPercent}% used, critical above {criticalPercent}% (this failure is deliberate: samples/failing-demo)");
    }

    [Test]
    public void WarnsButDoesNotFail()
    {
        // Assert.Warn records a warning and lets the test carry on; the outcome is Warning, not Failed.
        Assert.Warn("/demo: 85% used, warning above 80% (deliberate warning: samples/failing-demo)");
    }

    [Test]
    public void IsInconclusiveWhenItCannotTell()
    {
        // For "could not measure": the check neither passed nor found a problem.
        Assert.Inconclusive("no time service answered, so the clock offset is unknown (deliberate: samples/failing-demo)");
    }

    [Test]
    [Ignore("shows how an ignored test looks; ignored tests are reported as skipped with this reason")]
    public void IsIgnored()
    {
        Assert.Fail("an ignored test never runs");
    }
}
