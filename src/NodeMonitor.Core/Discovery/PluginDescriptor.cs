using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Discovery;

/// <summary>A plugin found under the plugin root: a folder with NUnit test assemblies and/or nrpe-style *.cfg command
/// definitions. Nothing is loaded to find it.</summary>
/// <param name="Name">The folder name.</param>
/// <param name="Directory">Absolute path of the plugin folder.</param>
/// <param name="Assemblies">Absolute paths of the test assemblies (files referencing nunit.framework).</param>
/// <param name="Manifest">The parsed plugin.json, or <see cref="PluginManifest.Default"/>.</param>
public sealed record PluginDescriptor(
    string Name,
    string Directory,
    IReadOnlyList<string> Assemblies,
    PluginManifest Manifest)
{
    /// <summary>Nagios command definitions from the folder's *.cfg files (nrpe syntax), each run as a test case.</summary>
    public IReadOnlyList<NagiosCommand> NagiosCommands { get; init; } = [];
}
