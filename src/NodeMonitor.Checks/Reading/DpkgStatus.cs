namespace NodeMonitor.Checks;

/// <summary>
/// Installed packages and versions from dpkg's status file, the database dpkg-query itself reads.
/// Packages of several architectures are found both as "name" and "name:arch".
/// </summary>
internal static class DpkgStatus
{
    public const string DefaultPath = "/var/lib/dpkg/status";

    private static readonly FileBackedCache<Dictionary<string, string>> Cache = new(Parse);

    public static IReadOnlyDictionary<string, string>? Read(string path) => Cache.Get(path);

    private static Dictionary<string, string> Parse(string path)
    {
        var installed = new Dictionary<string, string>(StringComparer.Ordinal);
        string? package = null, version = null, architecture = null;
        var isInstalled = false;

        void EndStanza()
        {
            if (package is not null && isInstalled && version is not null)
            {
                installed.TryAdd(package, version);
                if (architecture is not null)
                {
                    installed.TryAdd($"{package}:{architecture}", version);
                }
            }

            package = version = architecture = null;
            isInstalled = false;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                EndStanza();
            }
            else if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                package = line[9..].Trim();
            }
            else if (line.StartsWith("Status: ", StringComparison.Ordinal))
            {
                isInstalled = line.EndsWith(" installed", StringComparison.Ordinal);
            }
            else if (line.StartsWith("Version: ", StringComparison.Ordinal))
            {
                version = line[9..].Trim();
            }
            else if (line.StartsWith("Architecture: ", StringComparison.Ordinal))
            {
                architecture = line[14..].Trim();
            }
        }

        EndStanza();
        return installed;
    }
}
