namespace NodeMonitor.Checks;

internal sealed record PasswdEntry(string Name, int Uid, int Gid, string Home, string Shell);

internal sealed record GroupEntry(string Name, int Gid, IReadOnlyList<string> Members);

/// <summary>/etc/passwd and /etc/group, parsed once per change and indexed by name and id.</summary>
internal static class AccountTables
{
    public const string PasswdPath = "/etc/passwd";
    public const string GroupPath = "/etc/group";

    private static readonly FileBackedCache<Table<PasswdEntry>> PasswdCache = new(path => Table<PasswdEntry>.Parse(path, 7, f =>
        new PasswdEntry(f[0], ParseId(f[2]), ParseId(f[3]), f[5], f[6]), e => e.Name, e => e.Uid));

    private static readonly FileBackedCache<Table<GroupEntry>> GroupCache = new(path => Table<GroupEntry>.Parse(path, 4, f =>
        new GroupEntry(f[0], ParseId(f[2]), f[3].Split(',', StringSplitOptions.RemoveEmptyEntries)), e => e.Name, e => e.Gid));

    public static Table<PasswdEntry> Users => PasswdCache.Get(PasswdPath) ?? Table<PasswdEntry>.Empty;

    public static Table<GroupEntry> Groups => GroupCache.Get(GroupPath) ?? Table<GroupEntry>.Empty;

    public static string UserName(int uid) => Users.ById.TryGetValue(uid, out var user) ? user.Name : uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string GroupName(int gid) => Groups.ById.TryGetValue(gid, out var group) ? group.Name : gid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int ParseId(string text) => int.TryParse(text, out var id) ? id : -1;

    internal sealed class Table<T>
    {
        public static readonly Table<T> Empty = new([], _ => "", _ => 0);

        private Table(IEnumerable<T> entries, Func<T, string> name, Func<T, int> id)
        {
            // The first entry wins, as getpwnam does.
            ByName = entries.DistinctBy(name).ToDictionary(name);
            ById = ByName.Values.DistinctBy(id).ToDictionary(id);
        }

        public IReadOnlyDictionary<string, T> ByName { get; }

        public IReadOnlyDictionary<int, T> ById { get; }

        public static Table<T> Parse(string path, int fields, Func<string[], T> entry, Func<T, string> name, Func<T, int> id) =>
            new(File.ReadLines(path)
                .Where(line => line.Length > 0 && line[0] != '#')
                .Select(line => line.Split(':'))
                .Where(f => f.Length >= fields)
                .Select(entry), name, id);
    }
}
