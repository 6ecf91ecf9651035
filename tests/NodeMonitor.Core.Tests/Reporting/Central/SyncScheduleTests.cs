using NUnit.Framework;
using NodeMonitor.Core.Reporting.Central;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Tests.CentralSync;

public sealed class SyncScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SixHours = TimeSpan.FromHours(6);

    [Test]
    public void ANodeThatNeverSyncedIsDueOnceItsOldestUnsyncedRunIsAnIntervalOld()
    {
        Assert.That(SyncSchedule.IsDue(Status(lastSync: null, unsynced: 5, oldest: Now.AddHours(-5)), SixHours, Now), Is.False);
        Assert.That(SyncSchedule.IsDue(Status(lastSync: null, unsynced: 5, oldest: Now.AddHours(-6)), SixHours, Now), Is.True);
    }

    [Test]
    public void AfterASyncTheNextIsDueAnIntervalLaterWhateverTheAgeOfTheRuns()
    {
        Assert.That(SyncSchedule.IsDue(Status(lastSync: Now.AddHours(-2), unsynced: 5, oldest: Now.AddDays(-3)), SixHours, Now), Is.False);
        Assert.That(SyncSchedule.IsDue(Status(lastSync: Now.AddHours(-6), unsynced: 1, oldest: Now.AddMinutes(-1)), SixHours, Now), Is.True);
    }

    [Test]
    public void ASyncStampedInTheFutureIsDue() =>
        Assert.That(SyncSchedule.IsDue(Status(lastSync: Now.AddDays(30), unsynced: 5, oldest: Now.AddHours(-1)), SixHours, Now), Is.True);

    [Test]
    public void NothingUnsyncedIsNeverDue()
    {
        Assert.That(SyncSchedule.IsDue(Status(lastSync: Now.AddDays(-9), unsynced: 0, oldest: null), SixHours, Now), Is.False);
    }

    [Test]
    public void AFailedAttemptDoesNotPostponeTheNextOne()
    {
        var status = Status(lastSync: Now.AddHours(-7), unsynced: 3, oldest: Now.AddHours(-7)) with
        {
            LastAttemptAt = Now.AddMinutes(-1),
            LastError = "Swift PUT object: connection refused",
        };

        Assert.That(SyncSchedule.IsDue(status, SixHours, Now), Is.True);
    }

    private static SyncStatus Status(DateTimeOffset? lastSync, int unsynced, DateTimeOffset? oldest) =>
        new(lastSync, lastSync is null ? null : "n/passed/x.jsonl.gz", null, null, lastSync, null, unsynced, oldest);
}
