namespace NodeMonitor.Checks;

/// <summary>
/// Where cron entries are looked for: the system crontab and cron.d (lines with a user field) and the
/// per-user spool (file name is the user). Tests and unusual nodes pass their own paths.
/// </summary>
public sealed record CronTables(string SystemCrontab, string CronD, string UserSpool)
{
    public static CronTables Debian { get; } = new("/etc/crontab", "/etc/cron.d", "/var/spool/cron/crontabs");
}
