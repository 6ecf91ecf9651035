namespace NodeMonitor.Core.Discovery;

/// <summary>What <see cref="PluginCatalog.Discover"/> found under a plugin root.</summary>
/// <param name="Plugins">Runnable and disabled plugins, sorted by name (ordinal).</param>
/// <param name="Problems">Folders that look like plugins but cannot run as they are, sorted by name.</param>
public sealed record DiscoveryResult(string Root, IReadOnlyList<PluginDescriptor> Plugins, IReadOnlyList<DiscoveryProblem> Problems);

/// <summary>A plugin folder that cannot run, and why (shown by <c>nodemonitor list</c> and reported as a failure by <c>run</c>).</summary>
public sealed record DiscoveryProblem(string Plugin, string Directory, string Message);
