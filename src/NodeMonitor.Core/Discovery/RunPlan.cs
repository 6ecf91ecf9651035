using NodeMonitor.Core.Selection;

namespace NodeMonitor.Core.Discovery;

/// <summary>One plugin as it will run: what to select and how long it may take.</summary>
/// <param name="Where">Combined selection: the manifest's categories, its where and the command line's --where, all
/// of which must hold; null runs every test except [Explicit] ones.</param>
public sealed record PlannedPlugin(PluginDescriptor Plugin, WhereExpression? Where, TimeSpan Timeout);

/// <summary>The plugins selected for a run, in name order.</summary>
public sealed record RunPlan(IReadOnlyList<PlannedPlugin> Plugins);
