namespace NodeMonitor.Checks;

/// <summary>
/// A cron entry whose command contains the given text: present, schedule ("0 3 * * *" or "@daily"), user.
/// Comment and variable lines are skipped; the first matching entry is the one described.
/// </summary>
public sealed class CronEntryResource : NodeResource
{
    private readonly string _command;
    private readonly CronTables _tables;
    private readonly Lazy<CronEntry?> _entry;

    internal CronEntryResource(string command, CronTables tables)
    {
        _command = command;
        _tables = tables;
        _entry = new Lazy<CronEntry?>(() => Entries().FirstOrDefault(e => e.Command.Contains(_command, StringComparison.Ordinal)));
    }

    public override string Description => $"cron entry running \"{_command}\"";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Schedule or Fact.User))
        {
            return null;
        }

        var entry = _entry.Value;
        if (entry is null)
        {
            var why = $"no such entry in {_tables.SystemCrontab}, {_tables.CronD} or {_tables.UserSpool}";
            return fact == Fact.Present ? Finding.State(false, why) : Finding.Absent(why);
        }

        return fact switch
        {
            Fact.Present => Finding.State(true, $"\"{entry.Schedule} {entry.Command}\" for {entry.User} in {entry.Source}"),
            Fact.Schedule => Finding.Of(entry.Schedule, entry.Schedule),
            _ => Finding.Of(entry.User, entry.User),
        };
    }

    private IEnumerable<CronEntry> Entries()
    {
        foreach (var entry in Parse(_tables.SystemCrontab, user: null))
        {
            yield return entry;
        }

        foreach (var directory in new[] { (_tables.CronD, true), (_tables.UserSpool, false) })
        {
            if (!Directory.Exists(directory.Item1))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory.Item1).Order(StringComparer.Ordinal))
            {
                foreach (var entry in Parse(file, directory.Item2 ? null : Path.GetFileName(file)))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>Entries of one file; <paramref name="user"/> null means the lines name their user (system format).</summary>
    private static IEnumerable<CronEntry> Parse(string file, string? user)
    {
        if (!File.Exists(file))
        {
            yield break;
        }

        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || IsVariable(line))
            {
                continue;
            }

            var scheduleFields = line[0] == '@' ? 1 : 5;
            var fields = line.Split(new[] { ' ', '\t' }, scheduleFields + (user is null ? 2 : 1), StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < scheduleFields + (user is null ? 2 : 1))
            {
                continue;
            }

            var schedule = string.Join(' ', fields[..scheduleFields]);
            yield return user is null
                ? new CronEntry(schedule, fields[scheduleFields], fields[scheduleFields + 1], file)
                : new CronEntry(schedule, user, fields[scheduleFields], file);
        }
    }

    private static bool IsVariable(string line)
    {
        var equals = line.IndexOf('=');
        return equals > 0 && !line[..equals].Contains(' ') && !line[..equals].Contains('\t') && line[0] != '@' && !char.IsAsciiDigit(line[0]) && line[0] != '*';
    }

    private sealed record CronEntry(string Schedule, string User, string Command, string Source);
}
