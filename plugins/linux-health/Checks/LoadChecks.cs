using NodeMonitor.Plugins.LinuxHealth.Judging;
using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.Checks;

/// <summary>
/// Load average per online CPU. The limits are factors ("4 per CPU") so one plugin.json fits
/// a 2-core VM and a 64-core host alike.
/// </summary>
[TestFixture]
public sealed class LoadChecks
{
    [Test]
    public void OneMinuteLoadIsWithinLimits() =>
        Judge("1-minute", LoadAverage.Read().OneMinute, HealthSettings.Load1WarnFactor, HealthSettings.Load1CritFactor);

    [Test]
    public void FiveMinuteLoadIsWithinLimits() =>
        Judge("5-minute", LoadAverage.Read().FiveMinutes, HealthSettings.Load5WarnFactor, HealthSettings.Load5CritFactor);

    private static void Judge(string period, double load, SettingDefinition warning, SettingDefinition critical)
    {
        var cpus = CpuList.CountOnline();
        var perCpu = load / cpus;

        var limits = Limits.Read(Settings.FromEnvironment(), LimitDirection.Above, warning, critical,
            factor => $"{Format.Number(factor)} per CPU");
        var measurement = $"{period} load: {Format.Number(load, "0.00")} on {cpus} CPU{(cpus == 1 ? "" : "s")} " +
                          $"({Format.Number(perCpu, "0.00")} per CPU)";
        Verdict.Report(limits.Judge(measurement, perCpu));
    }
}
