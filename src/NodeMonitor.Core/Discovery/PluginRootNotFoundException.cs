namespace NodeMonitor.Core.Discovery;

/// <summary>The plugin root does not exist: nothing can run (exit code 3), unlike a configuration mistake (exit code 2).</summary>
public sealed class PluginRootNotFoundException(string root)
    : Exception($"the plugin root '{root}' does not exist (set pluginRoot in the configuration or NODEMONITOR_PLUGIN_ROOT)")
{
    public string Root { get; } = root;
}
