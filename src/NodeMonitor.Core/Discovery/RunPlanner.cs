using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Selection;

namespace NodeMonitor.Core.Discovery;

/// <summary>Turns what discovery found and what the user asked for into a <see cref="RunPlan"/>.</summary>
/// <remarks>
/// A disabled plugin never runs, not even when named: <c>enabled: false</c> is how an operator takes a
/// plugin out of a node's cron runs, and cron lines often name plugins. <see cref="NamedButDisabled"/>
/// gives the CLI the names to mention.
/// </remarks>
public static class RunPlanner
{
    /// <param name="pluginNames">Plugins to run; empty runs every enabled plugin.</param>
    /// <param name="where">The command line's --where selection, or null.</param>
    /// <exception cref="ConfigurationException">A name is not a runnable plugin; the message lists the valid names.</exception>
    public static RunPlan Plan(DiscoveryResult discovery, IReadOnlyCollection<string> pluginNames, WhereExpression? where, TimeSpan defaultTimeout)
    {
        var selected = pluginNames.Count == 0 ? discovery.Plugins : Select(discovery, pluginNames);
        var planned = selected
            .Where(p => p.Manifest.Enabled)
            .Select(p => new PlannedPlugin(p, Selection(p.Manifest, where), p.Manifest.Timeout ?? defaultTimeout))
            .ToList();
        return new RunPlan(planned);
    }

    /// <summary>The names in <paramref name="pluginNames"/> that are disabled plugins (and so will not run).</summary>
    public static IReadOnlyList<string> NamedButDisabled(DiscoveryResult discovery, IReadOnlyCollection<string> pluginNames) =>
        discovery.Plugins.Where(p => !p.Manifest.Enabled && pluginNames.Contains(p.Name, StringComparer.Ordinal)).Select(p => p.Name).ToList();

    /// <summary>The manifest's categories (any of them), its where and the command line's where, all of which must hold.</summary>
    private static WhereExpression? Selection(PluginManifest manifest, WhereExpression? commandLine)
    {
        var categories = manifest.Categories
            .Select(c => (WhereExpression)new WhereComparison(WhereField.Cat, WhereOperator.Equal, c)).ToList();
        return WhereExpression.AllOf(WhereExpression.AnyOf(categories), manifest.Where, commandLine);
    }

    private static List<PluginDescriptor> Select(DiscoveryResult discovery, IReadOnlyCollection<string> pluginNames)
    {
        var byName = discovery.Plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (string name in pluginNames)
        {
            if (byName.ContainsKey(name)) continue;
            if (discovery.Problems.FirstOrDefault(p => p.Plugin == name) is { } problem)
                throw new ConfigurationException($"plugin '{name}' cannot run: {problem.Message}", problem.Directory);
            string valid = byName.Count == 0 ? "there are none" : "valid names are: " + string.Join(", ", byName.Keys);
            throw new ConfigurationException($"no plugin named '{name}' under {discovery.Root}; {valid}");
        }
        // Name order, as discovery sorted them, whatever order the user typed; each plugin once.
        var wanted = new HashSet<string>(pluginNames, StringComparer.Ordinal);
        return discovery.Plugins.Where(p => wanted.Contains(p.Name)).ToList();
    }
}
