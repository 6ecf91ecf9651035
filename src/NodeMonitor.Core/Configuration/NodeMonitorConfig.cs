using NodeMonitor.Core.Nagios;
using NodeMonitor.Core.Storage;

namespace NodeMonitor.Core.Configuration;

/// <summary>
/// The node's settings, after file and environment (see <see cref="ConfigLoader"/>); command-line flags
/// are applied on top by the CLI with <c>config with { ... }</c> followed by <see cref="Validate"/>.
/// </summary>
/// <param name="Node">Name this node reports under; defaults to the short host name.</param>
/// <param name="PluginRoot">Folder holding one subfolder per plugin.</param>
/// <param name="StateDirectory">Local store, spool and lock; never inside <see cref="PluginRoot"/>, where it would look like a plugin.</param>
/// <param name="Parallel">How many plugin workers run at once.</param>
/// <param name="DefaultTimeout">Wall-clock limit of a plugin whose manifest sets none.</param>
/// <param name="SourceFile">The file the settings were read from; null when no file was read.</param>
public sealed record NodeMonitorConfig(
    string Node,
    string PluginRoot,
    string StateDirectory,
    int Parallel,
    TimeSpan DefaultTimeout,
    RetentionPolicy Retention,
    string? SourceFile)
{
    /// <summary>The node's labels (<c>role</c>, <c>dc</c>, ...), published in its heartbeat for cluster plugins.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;

    /// <summary>One shared empty set, so two configurations without labels compare equal.</summary>
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>How Nagios command definitions (nrpe-style *.cfg in plugin folders) run: the <c>nagios</c> section.</summary>
    public NagiosSettings Nagios { get; init; } = NagiosSettings.Default;

    /// <summary>Where <c>nodemonitor serve</c> listens: the <c>serve</c> section.</summary>
    public ServeSettings Serve { get; init; } = ServeSettings.Default;

    /// <summary>How long metrics are kept: the <c>metrics</c> section.</summary>
    public MetricsSettings Metrics { get; init; } = MetricsSettings.Default;

    /// <summary>Receivers, grouping and API of <c>nodemonitor notify</c>, and the longest silence: the <c>notify</c> section.</summary>
    public NotifySettings Notify { get; init; } = NotifySettings.Default;

    /// <summary>Where failure records go: the <c>etcd</c> section; null (the default) means no etcd reporting.</summary>
    public Reporting.Central.EtcdSettings? Etcd { get; init; }

    /// <summary>Where failure bundles go: the <c>swift</c> section; null (the default) means no Swift reporting.</summary>
    public Reporting.Central.SwiftSettings? Swift { get; init; }

    /// <summary>Time budget and intervals of central reporting: the <c>report</c> section.</summary>
    public Reporting.Central.ReportSettings Report { get; init; } = Reporting.Central.ReportSettings.Default;

    public static string DefaultPath => "/etc/nodemonitor/nodemonitor.json";

    public const string DefaultPluginRoot = "/var/lib/nodemonitor";
    public const string DefaultStateDirectory = "/var/lib/nodemonitor-state";
    public static readonly TimeSpan DefaultPluginTimeout = TimeSpan.FromSeconds(300);

    /// <summary>Every setting at its default; no file read.</summary>
    public static NodeMonitorConfig Defaults() => new(
        ShortHostName(),
        DefaultPluginRoot,
        DefaultStateDirectory,
        Environment.ProcessorCount,
        DefaultPluginTimeout,
        RetentionPolicy.Default,
        null);

    /// <summary>Checks the rules that involve more than one setting, or values set by code (flags).</summary>
    /// <exception cref="ConfigurationException">A setting is out of range or the state directory lies inside the plugin root.</exception>
    public void Validate()
    {
        NodeName.Check(Node, SourceFile, "node");
        if (Parallel < 1)
            throw new ConfigurationException($"expected a whole number of at least 1, found {Parallel}", SourceFile, "parallel");
        if (DefaultTimeout <= TimeSpan.Zero)
            throw new ConfigurationException($"expected a number of seconds greater than 0, found {DefaultTimeout.TotalSeconds}", SourceFile, "defaultTimeoutSeconds");
        // After the environment, so a token may come from NODEMONITOR_SERVE_TOKEN rather than the file.
        Serve.Validate(SourceFile);
        Notify.Validate(SourceFile);
        if (IsSameOrInside(StateDirectory, PluginRoot))
            throw new ConfigurationException(
                $"the state directory '{StateDirectory}' must not be inside the plugin root '{PluginRoot}' (it would be taken for a plugin)",
                SourceFile, "stateDirectory");
    }

    /// <summary>The host name up to the first dot: what people call the node.</summary>
    public static string ShortHostName()
    {
        string name = Environment.MachineName;
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    private static bool IsSameOrInside(string candidate, string folder)
    {
        string inner = Path.TrimEndingDirectorySeparator(Path.GetFullPath(candidate));
        string outer = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return inner == outer || inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
