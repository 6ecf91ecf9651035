namespace NodeMonitor.Cli.Json;

/// <summary><c>list --format json</c>: the plugin root and its plugins, by name.</summary>
internal sealed record ListDocument(string Root, IReadOnlyList<ListedPlugin> Plugins);

/// <summary>A plugin: enabled or not, the error that kept it from being explored, its assemblies.</summary>
internal sealed record ListedPlugin(string Name, bool Enabled, string? Error, IReadOnlyList<ListedAssembly> Assemblies);

/// <summary>A test assembly (or Nagios command file) of a plugin; <see cref="Names"/> only with <c>--tests</c>.</summary>
internal sealed record ListedAssembly(string Assembly, string? Nunit, int Tests, string? Error, IReadOnlyList<string>? Names);
