using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Discovery;

/// <summary>Reads a plugin's <c>plugin.json</c> strictly: an unknown key or a wrong type is an error naming file and key.</summary>
public static class PluginManifestParser
{
    private static readonly string[] ValidKeys = ["enabled", "assemblies", "timeout", "retries", "categories", "where", "environment", "parameters"];

    /// <exception cref="ConfigurationException">The file is not valid JSON or a key is unknown or has a wrong value.</exception>
    public static PluginManifest Parse(string path)
    {
        var root = ConfigSection.ReadFile(path);
        root.RejectUnknownKeys(ValidKeys);
        var defaults = PluginManifest.Default;
        return new PluginManifest(
            Enabled: root.GetBool("enabled") ?? defaults.Enabled,
            Assemblies: ReadAssemblies(root),
            Timeout: root.GetPositiveNumber("timeout") is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Timeout,
            Retries: root.GetInt("retries", 0) ?? defaults.Retries,
            Categories: ReadCategories(root),
            Where: ReadWhere(root),
            Environment: root.GetStringMap("environment") ?? defaults.Environment)
        { Parameters = ReadParameters(root) ?? defaults.Parameters };
    }

    /// <summary>Assembly names stay inside the plugin folder: the manifest may only pick among the plugin's own files.</summary>
    private static IReadOnlyList<string>? ReadAssemblies(ConfigSection root)
    {
        var names = root.GetStringArray("assemblies");
        if (names is null) return null;
        if (names.Count == 0)
            throw root.Error("assemblies", "expected at least one assembly file name (leave the key out to find test assemblies automatically)");
        foreach (string name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || Path.IsPathRooted(name) || name.Split('/', '\\').Contains(".."))
                throw root.Error("assemblies", $"expected file names relative to the plugin folder, found \"{name}\"");
        }
        return names;
    }

    private static IReadOnlyDictionary<string, string>? ReadParameters(ConfigSection root)
    {
        var parameters = root.GetStringMap("parameters");
        if (parameters?.Keys.FirstOrDefault(k => k.Length == 0 || k.Contains('=', StringComparison.Ordinal)) is { } bad)
            throw root.Error("parameters", $"expected parameter names without '=', found \"{bad}\"");
        return parameters;
    }

    private static IReadOnlyList<string> ReadCategories(ConfigSection root)
    {
        var categories = root.GetStringArray("categories") ?? [];
        if (categories.Any(string.IsNullOrWhiteSpace))
            throw root.Error("categories", "expected non-empty category names");
        return categories;
    }

    private static string? ReadWhere(ConfigSection root)
    {
        string? where = root.GetString("where");
        return string.IsNullOrWhiteSpace(where) ? null : where.Trim();
    }
}
