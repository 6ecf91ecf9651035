namespace NodeMonitor.Execution;

/// <summary>What a plugin would run, found by loading it without running anything.</summary>
/// <param name="Error">Why the plugin could not be explored at all (bad filter, worker crash); null otherwise.</param>
public sealed record PluginExploration(string Plugin, IReadOnlyList<AssemblyExploration> Assemblies, string? Error);

/// <summary>One test assembly of a plugin: its NUnit version and the tests the filter selects.</summary>
/// <param name="FrameworkVersion">The nunit.framework version the assembly ships, e.g. <c>4.4.0</c>.</param>
/// <param name="TestCount">NUnit's own count for the filter.</param>
/// <param name="Tests">Full names of the selected test cases, in NUnit's order.</param>
/// <param name="Error">Why this assembly could not be loaded; null when it loaded.</param>
public sealed record AssemblyExploration(string Assembly, string? FrameworkVersion, int TestCount, IReadOnlyList<string> Tests, string? Error);
