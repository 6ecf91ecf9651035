namespace NodeMonitor.Checks;

/// <summary>Makes the resources a check asserts on with <see cref="Its"/>: <c>Assert.That(Resource.Port(22), Its.Listening)</c>.</summary>
public static class Resource
{
    /// <summary>A regular file (symbolic links followed); <c>Its.Present</c> fails for a directory.</summary>
    public static FileResource File(string path) => new(path, directory: false);

    /// <summary>A directory (symbolic links followed).</summary>
    public static FileResource Directory(string path) => new(path, directory: true);

    /// <summary>A systemd unit; "ssh" means "ssh.service".</summary>
    public static ServiceResource Service(string name) => new(name);

    /// <summary>Processes whose name (as ps shows it) is <paramref name="name"/>.</summary>
    public static ProcessResource Process(string name) => new(name);

    /// <summary>A local port, "tcp" or "udp".</summary>
    public static PortResource Port(int port, string protocol = "tcp") => new(port, protocol);

    /// <summary>A Debian package; "name:arch" picks one architecture.</summary>
    public static PackageResource Package(string name) => new(name, DpkgStatus.DefaultPath);

    public static UserResource User(string name) => new(name);

    public static GroupResource Group(string name) => new(name);

    /// <summary>A shell command run by /bin/sh -c; killed with its children after <paramref name="timeLimit"/> (default 60 s).</summary>
    public static CommandResource Command(string command, TimeSpan? timeLimit = null) => new(command, timeLimit);

    /// <summary>An HTTP or HTTPS URL, fetched once with GET.</summary>
    public static HttpResource Http(string url, bool verifyCertificate = true, TimeSpan? timeout = null) => new(url, verifyCertificate, timeout);

    public static MountResource Mount(string mountPoint) => new(mountPoint);

    /// <summary>A sysctl name such as "net.ipv4.ip_forward".</summary>
    public static KernelParameterResource KernelParameter(string name) => new(name);

    public static KernelModuleResource KernelModule(string name) => new(name);

    public static DnsResource Dns(string host, TimeSpan? timeout = null) => new(host, timeout);

    public static InterfaceResource Interface(string name) => new(name);

    /// <summary>A cron entry whose command contains <paramref name="command"/>; <paramref name="tables"/> defaults to <see cref="CronTables.Debian"/>.</summary>
    public static CronEntryResource CronEntry(string command, CronTables? tables = null) => new(command, tables ?? CronTables.Debian);

    public static TcpEndpointResource TcpEndpoint(string host, int port, TimeSpan? timeout = null) => new(host, port, timeout);

    public static EnvironmentVariableResource EnvironmentVariable(string name) => new(name);

    /// <summary>A package from another dpkg status file (a chroot, or a test).</summary>
    internal static PackageResource Package(string name, string dpkgStatusPath) => new(name, dpkgStatusPath);
}
