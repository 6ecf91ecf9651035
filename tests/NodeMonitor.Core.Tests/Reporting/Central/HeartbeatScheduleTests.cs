using NUnit.Framework;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Core.Tests.Reporting.Central;

public sealed class HeartbeatScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Test]
    public void ANodeThatNeverWroteAHeartbeatIsDue() =>
        Assert.That(HeartbeatSchedule.IsDue(null, TenMinutes, Now), Is.True);

    [Test]
    public void AHeartbeatIsNotDueUntilTheIntervalHasPassedSinceTheLastWrite()
    {
        var written = Status(writtenAt: Now - TimeSpan.FromMinutes(9));

        Assert.That(HeartbeatSchedule.IsDue(written, TenMinutes, Now), Is.False);
        Assert.That(HeartbeatSchedule.IsDue(written, TenMinutes, Now + TimeSpan.FromMinutes(1)), Is.True);
    }

    [Test]
    public void AFailedAttemptDoesNotCountAsWrittenSoTheNextRunTriesAgain()
    {
        var failed = new HeartbeatStatus(null, Now - TimeSpan.FromMinutes(30), Now, Now - TimeSpan.FromSeconds(10), "etcd: Unavailable");

        Assert.That(HeartbeatSchedule.IsDue(failed, TenMinutes, Now), Is.True);
    }

    [Test]
    public void AZeroIntervalSwitchesHeartbeatsOff() =>
        Assert.That(HeartbeatSchedule.IsDue(null, TimeSpan.Zero, Now), Is.False);

    [Test]
    public void TheLeaseLastsThreeIntervals() =>
        Assert.That(HeartbeatSchedule.LeaseTtl(TenMinutes), Is.EqualTo(TimeSpan.FromMinutes(30)));

    [Test]
    public void AHeartbeatStampedInTheFutureIsDueSoAClockSteppedBackDoesNotStopHeartbeats()
    {
        var fromTheFuture = Status(writtenAt: Now + TimeSpan.FromDays(30));

        Assert.That(HeartbeatSchedule.IsDue(fromTheFuture, TenMinutes, Now), Is.True);
    }

    private static HeartbeatStatus Status(DateTimeOffset writtenAt) => new(7, writtenAt, writtenAt + 3 * TenMinutes, writtenAt, null);
}
