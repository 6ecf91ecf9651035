namespace NodeMonitor.Checks;

/// <summary>A file or directory: present (and of the right kind), mode, owner, group, size, content, link target.</summary>
public sealed class FileResource : NodeResource
{
    private readonly string _path;
    private readonly bool? _directory;
    private readonly Lazy<FileStatus?> _status;

    internal FileResource(string path, bool? directory)
    {
        _path = path;
        _directory = directory;
        _status = new Lazy<FileStatus?>(() => FileStatus.Read(path));
    }

    public override string Description => $"{(_directory == true ? "directory" : "file")} {_path}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact == Fact.LinkTarget)
        {
            return new FileInfo(_path).LinkTarget is { } target ? Finding.Of(target, target) : Finding.Absent(Exists ? "not a symbolic link" : "no such file");
        }

        var status = _status.Value;
        if (status is null)
        {
            return fact == Fact.Present ? Finding.State(false, "no such file or directory") : Finding.Absent("no such file or directory");
        }

        return fact switch
        {
            Fact.Present => Finding.State(IsRightKind(status), status.Kind),
            Fact.Mode => Finding.Of(FileModeText.Format(status.Mode), FileModeText.Format(status.Mode)),
            Fact.Owner => Finding.Of(AccountTables.UserName(status.Uid), AccountTables.UserName(status.Uid)),
            Fact.Group => Finding.Of(AccountTables.GroupName(status.Gid), AccountTables.GroupName(status.Gid)),
            Fact.Size => Finding.Of(status.Size),
            Fact.Content => status.IsRegularFile ? Finding.Of(File.ReadAllText(_path)) : Finding.Absent($"{status.Kind}, which has no content to read"),
            _ => null,
        };
    }

    private bool Exists => _status.Value is not null || new FileInfo(_path).LinkTarget is not null;

    private bool IsRightKind(FileStatus status) => _directory switch
    {
        true => status.IsDirectory,
        false => status.IsRegularFile,
        null => true,
    };
}
