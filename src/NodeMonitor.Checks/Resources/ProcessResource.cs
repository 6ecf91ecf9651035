namespace NodeMonitor.Checks;

/// <summary>
/// Processes by name, from /proc/[pid]/comm (the name ps and pgrep show; the kernel keeps 15 characters,
/// so longer names are also matched against the program in /proc/[pid]/cmdline): running, count.
/// </summary>
public sealed class ProcessResource : NodeResource
{
    private const int CommLength = 15;
    private readonly string _name;
    private readonly Lazy<int> _count;

    internal ProcessResource(string name)
    {
        _name = name;
        _count = new Lazy<int>(CountProcesses);
    }

    public override string Description => $"process {_name}";

    internal override Finding? Observe(Fact fact, string? key) => fact switch
    {
        Fact.Running => Finding.State(_count.Value > 0, _count.Value switch { 0 => "not running", 1 => "1 process", var n => $"{n} processes" }),
        Fact.Count => Finding.Of(_count.Value),
        _ => null,
    };

    private int CountProcesses()
    {
        var count = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var pid = directory.AsSpan(6);
            if (pid.Length == 0 || !char.IsAsciiDigit(pid[0]))
            {
                continue;
            }

            if (Matches(directory))
            {
                count++;
            }
        }

        return count;
    }

    private bool Matches(string procDirectory)
    {
        try
        {
            var comm = File.ReadAllText(procDirectory + "/comm").TrimEnd('\n');
            if (_name.Length <= CommLength)
            {
                return comm == _name;
            }

            if (comm != _name[..CommLength])
            {
                return false;
            }

            var program = File.ReadAllText(procDirectory + "/cmdline").Split('\0')[0];
            return Path.GetFileName(program) == _name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the process ended while we looked
        }
    }
}
