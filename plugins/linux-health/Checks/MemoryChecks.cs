using NodeMonitor.Plugins.LinuxHealth.Judging;
using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.Checks;

[TestFixture]
public sealed class MemoryChecks
{
    [Test]
    public void AvailableMemoryIsAboveLimits()
    {
        var memory = MemoryInfo.Read();

        var limits = Limits.Read(Settings.FromEnvironment(), LimitDirection.Below,
            HealthSettings.MemWarnAvailablePercent, HealthSettings.MemCritAvailablePercent, Format.Percent);
        var measurement = $"memory: {Format.MeasuredPercent(memory.AvailablePercent)} available " +
                          $"({Format.Bytes(memory.AvailableKiB * 1024.0)} of {Format.Bytes(memory.TotalKiB * 1024.0)}, MemAvailable in {MemoryInfo.Path})";
        Verdict.Report(limits.Judge(measurement, memory.AvailablePercent));
    }
}
