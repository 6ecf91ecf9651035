namespace NodeMonitor.Checks;

/// <summary>A Debian package, from the dpkg status file (parsed once per change): installed, version.</summary>
public sealed class PackageResource : NodeResource
{
    private readonly string _name;
    private readonly string _statusPath;

    internal PackageResource(string name, string statusPath)
    {
        _name = name;
        _statusPath = statusPath;
    }

    public override string Description => $"package {_name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Version))
        {
            return null;
        }

        var database = DpkgStatus.Read(_statusPath);
        if (database is null)
        {
            return Finding.Absent($"no dpkg database at {_statusPath} (only dpkg-based systems are supported)");
        }

        var installed = database.TryGetValue(_name, out var version);
        return fact == Fact.Present
            ? Finding.State(installed, installed ? $"installed, version {version}" : "not installed")
            : installed ? Finding.Of(version, version) : Finding.Absent("not installed");
    }
}
