using NodeMonitor.Plugins.LinuxHealth.Judging;
using NodeMonitor.Plugins.LinuxHealth.Time;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.Checks;

/// <summary>
/// The clock offset as the node's time service (chrony or systemd-timesyncd) measures it.
/// Without a time service the test is Ignored: on a container or a machine whose clock is kept
/// by its host there is nothing to check, and a failure would be noise. NM_TIME_SERVICE_REQUIRED=true
/// turns "no time service" into a failure for nodes that must run one.
/// </summary>
[TestFixture]
public sealed class TimeChecks
{
    [Test]
    [CancelAfter(15000)]
    public async Task ClockOffsetIsWithinLimits(CancellationToken cancellationToken)
    {
        var settings = Settings.FromEnvironment();
        var limits = Limits.Read(settings, LimitDirection.Above,
            HealthSettings.TimeWarnOffsetMs, HealthSettings.TimeCritOffsetMs, ms => $"{Format.Number(ms)} ms");

        var (reading, tried) = await TimeServiceProbe.ReadAsync(cancellationToken);
        if (reading is null)
        {
            var what = $"no time service answered ({string.Join("; ", tried)})";
            if (settings.Flag(HealthSettings.TimeServiceRequired))
                Assert.Fail($"{what}, and {HealthSettings.TimeServiceRequired.Variable} is true");
            Assert.Ignore($"{what}; set {HealthSettings.TimeServiceRequired.Variable}=true to make this a failure");
        }

        if (!reading!.IsSynchronised)
        {
            // Right after boot a service needs a minute; a service that stays unsynchronised
            // keeps warning, and the offset it would report means nothing yet.
            Assert.Warn(reading.NotSynchronisedReason ?? $"{reading.Service} reports no offset");
            return;
        }

        var offsetMs = reading.OffsetSeconds!.Value * 1000;
        var measurement = $"clock offset: {Format.Number(offsetMs, "+0.###;-0.###;0")} ms ({reading.Service})";
        Verdict.Report(limits.Judge(measurement, Math.Abs(offsetMs)));
    }
}
