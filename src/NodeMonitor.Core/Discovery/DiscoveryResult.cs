using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Discovery;

/// <summary>What <see cref="PluginCatalog.Discover"/> found under a plugin root.</summary>
/// <param name="Plugins">Runnable and disabled plugins, sorted by name (ordinal).</param>
/// <param name="Problems">Folders that look like plugins but cannot run as they are, sorted by name.</param>
public sealed record DiscoveryResult(string Root, IReadOnlyList<PluginDescriptor> Plugins, IReadOnlyList<DiscoveryProblem> Problems)
{
    /// <summary>Things worth telling the operator that do not stop a plugin (lines of a .cfg that were ignored), by plugin name.</summary>
    public IReadOnlyList<DiscoveryNote> Notes { get; init; } = [];
}

/// <summary>A plugin folder that cannot run, and why (shown by <c>nodemonitor list</c> and reported as a failure by <c>run</c>).</summary>
public sealed record DiscoveryProblem(string Plugin, string Directory, string Message)
{
    /// <summary>The plugin's own configuration is wrong (its plugin.json, its test selection, its Nagios macros): <c>run</c>
    /// reports only that plugin failed, <c>validate</c> exits with 2.</summary>
    public bool IsConfigurationError { get; init; }

    public static DiscoveryProblem FromConfiguration(string plugin, string directory, ConfigurationException e) =>
        new(plugin, directory, $"configuration error: {e.Describe()}") { IsConfigurationError = true };
}

/// <summary>A remark about a plugin folder that does not stop it from running (shown by <c>nodemonitor validate</c> and <c>list</c>).</summary>
public sealed record DiscoveryNote(string Plugin, string Message);
