namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>
/// A clean Debian 12 root without .NET (build/package-root.sh: debootstrap minbase, cached as a tarball), and commands
/// run inside it through chroot with an empty environment, as on a fresh node.
/// </summary>
internal sealed class DebianRoot : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    private DebianRoot(string path) => Path = path;

    public string Path { get; }

    public static DebianRoot Create()
    {
        string path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("nm-debian-root-").FullName, "root");
        Script("create", path).AssertSucceeded("build/package-root.sh create");
        return new DebianRoot(path);
    }

    /// <summary>A file of the root, by its path inside the root (e.g. /etc/nodemonitor/nodemonitor.json).</summary>
    public string File(string pathInside) => System.IO.Path.Combine(Path, pathInside.TrimStart('/'));

    public CliRun Run(params string[] command) => ChildProcess.Run("chroot",
        [Path, "/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8",
         "DEBIAN_FRONTEND=noninteractive", .. command], limit: Limit);

    /// <summary>Copies a .deb into the root and installs it with apt (dependencies from the Debian mirror).</summary>
    public CliRun AptInstall(string deb)
    {
        string inside = "/tmp/" + System.IO.Path.GetFileName(deb);
        System.IO.File.Copy(deb, File(inside), overwrite: true);
        return Run("apt-get", "install", "-y", "-q", "--no-install-recommends", inside);
    }

    public void Dispose()
    {
        Script("destroy", Path);
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }

    private static CliRun Script(string verb, string path) =>
        ChildProcess.Run(System.IO.Path.Combine(Repo.Root, "build", "package-root.sh"), [verb, path], limit: Limit);
}
