using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Extension;

/// <summary>
/// Where a desk run is stored when nothing chose a state directory. The system store (/var/lib/nodemonitor-state)
/// belongs to `nodemonitor run` as root; a desk user's runs go to their own XDG state directory instead:
/// <c>$XDG_STATE_HOME/nodemonitor</c>, else <c>~/.local/state/nodemonitor</c>.
/// </summary>
internal static class DeskStateDirectory
{
    public const string Variable = "NODEMONITOR_STATE_DIRECTORY";

    /// <summary>
    /// The configuration with the per-user state directory, unless <see cref="Variable"/> or the configuration file names
    /// another directory than the system default, or the process is root (which may write the system store).
    /// </summary>
    public static NodeMonitorConfig Apply(NodeMonitorConfig config, IReadOnlyDictionary<string, string?> environment, bool privileged)
    {
        bool chosen = !string.IsNullOrEmpty(environment.GetValueOrDefault(Variable))
                      || config.StateDirectory != NodeMonitorConfig.DefaultStateDirectory;
        if (chosen || privileged) return config;
        return PerUser(environment) is { } perUser ? config with { StateDirectory = perUser } : config;
    }

    /// <summary>The XDG state directory of NodeMonitor; null without an absolute XDG_STATE_HOME or HOME.</summary>
    public static string? PerUser(IReadOnlyDictionary<string, string?> environment)
    {
        // The XDG base directory specification: a relative XDG_STATE_HOME is invalid and ignored.
        if (environment.GetValueOrDefault("XDG_STATE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "nodemonitor");
        if (environment.GetValueOrDefault("HOME") is { Length: > 0 } home && Path.IsPathRooted(home))
            return Path.Combine(home, ".local", "state", "nodemonitor");
        return null;
    }
}
