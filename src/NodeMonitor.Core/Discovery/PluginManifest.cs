namespace NodeMonitor.Core.Discovery;

/// <summary>
/// The optional <c>plugin.json</c> beside a plugin's assemblies. Every key is optional;
/// an unknown key is an error naming the file and the key.
/// </summary>
/// <param name="Assemblies">Test assembly file names to run; null means "every assembly that references nunit.framework".</param>
/// <param name="Timeout">Wall-clock limit for the plugin's worker; null means the configured default.</param>
/// <param name="Retries">Consecutive failing runs that stay soft (local only) before a failure is reported centrally.</param>
/// <param name="Categories">Only tests in one of these NUnit categories run (empty: no restriction).</param>
/// <param name="Where">A test selection expression in nunit3-console's --where language.</param>
/// <param name="Environment">Variables set for the plugin's worker process (thresholds and the like).</param>
public sealed record PluginManifest(
    bool Enabled,
    IReadOnlyList<string>? Assemblies,
    TimeSpan? Timeout,
    int Retries,
    IReadOnlyList<string> Categories,
    string? Where,
    IReadOnlyDictionary<string, string> Environment)
{
    public const string FileName = "plugin.json";

    /// <summary>Run parameters the plugin's tests read with TestContext.Parameters, as a runsettings file's
    /// TestRunParameters give them under <c>dotnet test</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public static readonly PluginManifest Default =
        new(true, null, null, 0, [], null, new Dictionary<string, string>());
}
