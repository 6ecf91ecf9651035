using NodeMonitor.Plugins.LinuxHealth.Judging;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class LimitsTests
{
    private static Limits DiskLimits(params (string Name, string Value)[] environment)
    {
        var settings = new Settings(name => environment.FirstOrDefault(e => e.Name == name).Value);
        return Limits.Read(settings, LimitDirection.Above, HealthSettings.DiskWarnPercent, HealthSettings.DiskCritPercent, Format.Percent);
    }

    [Test]
    public void AValueAboveTheCriticalLimitIsCriticalAndTheMessageNamesValueLimitAndVariable()
    {
        var judgement = DiskLimits().Judge($"/var: {Format.MeasuredPercent(93.24)} used", 93.24);

        Assert.That(judgement, Is.EqualTo(new Judgement(Severity.Critical,
            "/var: 93.2% used, critical above 90% (NM_DISK_CRIT_PERCENT)")));
    }

    [Test]
    public void AValueBetweenWarningAndCriticalIsAWarningNamingTheWarningVariable()
    {
        var judgement = DiskLimits().Judge("/var: 85.0% used", 85);

        Assert.That(judgement.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(judgement.Message, Does.EndWith("warning above 80% (NM_DISK_WARN_PERCENT)"));
    }

    [Test]
    public void AValueExactlyAtALimitHasNotCrossedIt()
    {
        Assert.That(DiskLimits().Judge("/", 80).Severity, Is.EqualTo(Severity.Ok));
        Assert.That(DiskLimits().Judge("/", 90).Severity, Is.EqualTo(Severity.Warning));
    }

    [Test]
    public void ForLimitsBelowASmallerValueIsWorse()
    {
        var settings = new Settings(_ => null);
        var memory = Limits.Read(settings, LimitDirection.Below,
            HealthSettings.MemWarnAvailablePercent, HealthSettings.MemCritAvailablePercent, Format.Percent);

        Assert.That(memory.Judge("m", 50).Severity, Is.EqualTo(Severity.Ok));
        Assert.That(memory.Judge("m", 7).Severity, Is.EqualTo(Severity.Warning));
        Assert.That(memory.Judge("m", 3).Message, Is.EqualTo("m, critical below 5% (NM_MEM_CRIT_AVAILABLE_PERCENT)"));
    }

    [Test]
    public void AThresholdFromTheEnvironmentReplacesTheDefault()
    {
        var limits = DiskLimits(("NM_DISK_CRIT_PERCENT", "95"));

        Assert.That(limits.Critical, Is.EqualTo(new Limit(95, "NM_DISK_CRIT_PERCENT")));
        Assert.That(limits.Warning, Is.EqualTo(new Limit(80, "NM_DISK_WARN_PERCENT")));
    }

    [Test]
    public void AnUnreadableThresholdIsAnErrorNamingTheVariableAndItsValue()
    {
        var error = Assert.Throws<InvalidSettingException>(() => DiskLimits(("NM_DISK_CRIT_PERCENT", "ninety")));

        Assert.That(error!.Message, Is.EqualTo("NM_DISK_CRIT_PERCENT='ninety' is not a non-negative number (default 90)"));
    }

    [Test]
    public void AWarningLimitBeyondTheCriticalOneIsAnError()
    {
        var error = Assert.Throws<InvalidSettingException>(() => DiskLimits(("NM_DISK_WARN_PERCENT", "95")));

        Assert.That(error!.Message, Is.EqualTo("NM_DISK_WARN_PERCENT (95%) must not be above NM_DISK_CRIT_PERCENT (90%)"));
    }

    [TestCase("yes", true)]
    [TestCase("FALSE", false)]
    [TestCase("", false)]
    public void FlagsAcceptTheUsualSpellings(string text, bool expected)
    {
        Assert.That(new Settings(_ => text).Flag(HealthSettings.TimeServiceRequired), Is.EqualTo(expected));
    }

    [Test]
    public void AnUnreadableFlagIsAnError()
    {
        Assert.Throws<InvalidSettingException>(() => new Settings(_ => "maybe").Flag(HealthSettings.TimeServiceRequired));
    }
}
