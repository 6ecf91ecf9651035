namespace NodeMonitor.Core.Configuration;

/// <summary>
/// Names of NodeMonitor's secret settings in the environment: the variables of the settings the table marks secret
/// (<see cref="ConfigDocumentation.SecretKeys"/>: <c>NODEMONITOR_SWIFT_KEY</c>, <c>NODEMONITOR_ETCD_PASSWORD</c>,
/// <c>NODEMONITOR_SERVE_TOKEN</c>, ...) and, so that a setting added later is covered before anyone marks it, every
/// <c>NODEMONITOR_*</c> name ending in <c>_KEY</c>, <c>_PASSWORD</c>, <c>_TOKEN</c> or <c>_SECRET</c>. Such a
/// variable never reaches a plugin's process.
/// </summary>
public static class SecretVariables
{
    private static readonly string[] SecretEndings = ["_KEY", "_PASSWORD", "_TOKEN", "_SECRET"];
    private static readonly HashSet<string> Marked =
        ConfigDocumentation.SecretKeys.Select(ConfigDocumentation.EnvFor).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsSecret(string name) =>
        Marked.Contains(name)
        || (name.StartsWith("NODEMONITOR_", StringComparison.OrdinalIgnoreCase)
            && SecretEndings.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)));
}
