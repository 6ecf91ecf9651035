namespace NodeMonitor.Core.Configuration;

/// <summary>
/// The settings table shown by README and <c>--help</c>. The loader takes its list of valid keys from
/// here too, so documentation and validation cannot drift apart.
/// </summary>
public static class ConfigDocumentation
{
    public static IReadOnlyList<(string Key, string Env, string Default, string Meaning)> Keys { get; } =
    [
        ("node", "NODEMONITOR_NODE", "short host name", "Name this node reports under (etcd keys, Swift paths): letters, digits, '-', '.', '_', at most 253 characters, not starting with '.' or '-', no '..'."),
        ("pluginRoot", "NODEMONITOR_PLUGIN_ROOT", NodeMonitorConfig.DefaultPluginRoot, "Folder with one subfolder per plugin."),
        ("stateDirectory", "NODEMONITOR_STATE_DIRECTORY", NodeMonitorConfig.DefaultStateDirectory, "Local result store, spool and lock; must not be inside pluginRoot."),
        ("parallel", "NODEMONITOR_PARALLEL", "processor count", "How many plugins run at once (at least 1)."),
        ("defaultTimeoutSeconds", "NODEMONITOR_DEFAULT_TIMEOUT_SECONDS", "300", "Time limit of a plugin whose plugin.json sets no timeout (seconds, > 0)."),
        ("retention.days", "NODEMONITOR_RETENTION_DAYS", "30", "Stored runs older than this are deleted (days, > 0)."),
        ("retention.maxMegabytes", "NODEMONITOR_RETENTION_MAX_MEGABYTES", "256", "The oldest stored runs are deleted while the store is larger than this (MiB, > 0)."),
        ("nagios.macros", "NODEMONITOR_NAGIOS_MACROS", "{\"USER1\": \"/usr/lib/nagios/plugins\"}", "Values of $NAME$ macros in nrpe-style command definitions, merged over the default USER1 (environment: NAME=value;NAME=value)."),
        ("nagios.warningIsFailure", "NODEMONITOR_NAGIOS_WARNING_IS_FAILURE", "false", "When true a Nagios WARNING (exit 1) fails the test instead of giving the Warning outcome."),
        ("nagios.commandTimeoutSeconds", "NODEMONITOR_NAGIOS_COMMAND_TIMEOUT_SECONDS", "60", "Time limit of one Nagios command; its process tree is killed past it (seconds, > 0)."),
        ("serve.address", "NODEMONITOR_SERVE_ADDRESS", "127.0.0.1", "Address `nodemonitor serve` binds (an IP address; a non-loopback one requires serve.token)."),
        ("serve.port", "NODEMONITOR_SERVE_PORT", "9465", "TCP port of `nodemonitor serve`."),
        ("serve.token", "NODEMONITOR_SERVE_TOKEN", "none", "Secret. Bearer token every request to `nodemonitor serve` must carry; required off loopback."),
        ("metrics.rawHours", "NODEMONITOR_METRICS_RAW_HOURS", "48", "Raw metric samples are kept this long (hours, > 0)."),
        ("metrics.rollupDays", "NODEMONITOR_METRICS_ROLLUP_DAYS", "30", "1-hour metric rollups are kept this long; 5-minute rollups at most 7 days (days, > 0)."),
        ("labels", "NODEMONITOR_LABELS", "none", "The node's labels for cluster plugins, e.g. {\"role\": \"web\", \"dc\": \"ams1\"} (environment: role=web,dc=ams1); sent in the heartbeat. At most 32; names as for facts, values at most 256 characters."),
        .. Reporting.Central.CentralConfigDocumentation.Rows,
        .. NotifyConfigSection.Rows,
    ];

    /// <summary>How the meaning of a secret setting begins, here and in README's table: its value never reaches plugin
    /// code, logs, results or error messages (see NodeMonitor.Core.Security.SecretRedactor).</summary>
    public const string SecretMark = "Secret.";

    /// <summary>The settings whose values are secrets, in table order.</summary>
    public static IReadOnlyList<string> SecretKeys { get; } =
        Keys.Where(k => k.Meaning.StartsWith(SecretMark, StringComparison.Ordinal)).Select(k => k.Key).ToList();

    /// <summary>Valid keys directly under <paramref name="section"/> ("" for the top level), in table order.</summary>
    internal static IReadOnlyList<string> KeysUnder(string section)
    {
        string prefix = section.Length == 0 ? "" : section + ".";
        return Keys
            .Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k.Key[prefix.Length..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The environment variable that overrides <paramref name="key"/>.</summary>
    internal static string EnvFor(string key) => Keys.Single(k => k.Key == key).Env;
}
