using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Discovery;
using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Execution.Planning;

/// <summary>
/// Discovery, selection, plan and problems in one place, for <c>run</c>, <c>list</c> and <c>validate</c> alike. A mistake of
/// the whole command (its <c>--where</c>, an unknown plugin name) is a <see cref="ConfigurationException"/>; a mistake of one
/// plugin (its plugin.json, its selection, its Nagios macros) makes only that plugin a <see cref="DiscoveryProblem"/>.
/// </summary>
public static class RunPlanning
{
    /// <param name="pluginNames">Plugins asked for; empty means every enabled plugin.</param>
    /// <param name="where">The command line's <c>--where</c>, or null.</param>
    /// <exception cref="PluginRootNotFoundException">The plugin root does not exist.</exception>
    /// <exception cref="ConfigurationException">The <c>--where</c> does not parse, or a name is not a plugin.</exception>
    public static PreparedPlan Prepare(NodeMonitorConfig config, IReadOnlyCollection<string> pluginNames, string? where)
    {
        if (!string.IsNullOrWhiteSpace(where)) CheckWhere(where, "--where");
        var discovery = PluginCatalog.Discover(config.PluginRoot);
        var problems = discovery.Problems.Where(p => pluginNames.Count == 0 || pluginNames.Contains(p.Plugin)).ToList();
        var runnable = pluginNames.Where(n => problems.All(p => p.Plugin != n)).ToList();
        var plan = pluginNames.Count > 0 && runnable.Count == 0
            ? new RunPlan([])
            : RunPlanner.Plan(discovery, runnable, where, config.DefaultTimeout);
        var planned = new List<PlannedPlugin>();
        foreach (var p in plan.Plugins)
        {
            try
            {
                if (p.Plugin.Manifest.Where is { } own) CheckWhere(own, ManifestPath(p.Plugin));
                NagiosMacros.CheckAll(p.Plugin.NagiosCommands, config.Nagios.Macros);
                planned.Add(p);
            }
            catch (ConfigurationException e)
            {
                problems.Add(DiscoveryProblem.FromConfiguration(p.Plugin.Name, p.Plugin.Directory, e));
            }
        }
        return new PreparedPlan(discovery, new RunPlan(planned), problems.OrderBy(p => p.Plugin, StringComparer.Ordinal).ToList(),
            RunPlanner.NamedButDisabled(discovery, pluginNames));
    }

    /// <exception cref="ConfigurationException">The selection does not parse; the message names its source.</exception>
    public static void CheckWhere(string where, string source)
    {
        try
        {
            WhereExpression.ToFilterXml(where);
        }
        catch (WhereSyntaxException e)
        {
            throw new ConfigurationException($"invalid test selection \"{where}\": {e.Message}", file: source);
        }
    }

    private static string ManifestPath(PluginDescriptor plugin) => Path.Combine(plugin.Directory, PluginManifest.FileName);
}

/// <summary>What a command is about to do: the plan, the plugin folders that cannot run (reported as failed plugins),
/// and the named plugins that are disabled.</summary>
public sealed record PreparedPlan(DiscoveryResult Discovery, RunPlan Plan, IReadOnlyList<DiscoveryProblem> Problems,
    IReadOnlyList<string> NamedButDisabled)
{
    /// <summary>Every plugin folder under the root (runnable, disabled or broken): the states of any other plugin retire.</summary>
    public IReadOnlySet<string> Installed { get; } = Discovery.Plugins.Select(p => p.Name)
        .Concat(Discovery.Problems.Select(p => p.Plugin)).ToHashSet(StringComparer.Ordinal);

    /// <summary>A plugin's own <c>retries</c>, whether or not it is in this run; 0 for one without a readable plugin.json.</summary>
    public int RetriesOf(string plugin) =>
        Discovery.Plugins.FirstOrDefault(p => p.Name == plugin)?.Manifest.Retries ?? 0;
}
