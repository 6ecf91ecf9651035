using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Selection;

namespace NodeMonitor.Core.Discovery;

/// <summary>Reads a plugin's <c>plugin.json</c> strictly: an unknown key or a wrong type is an error naming file and key.</summary>
public static class PluginManifestParser
{
    private static readonly string[] ValidKeys = ["enabled", "assemblies", "timeout", "retries", "categories", "where", "environment", "parameters",
        "memoryLimitMB", "cpuSeconds", "user", "isolation", "scope"];

    /// <exception cref="ConfigurationException">The file is not valid JSON or a key is unknown or has a wrong value.</exception>
    public static PluginManifest Parse(string path)
    {
        var root = ConfigSection.ReadFile(path);
        try
        {
            return Read(root);
        }
        catch (ConfigurationException e)
        {
            throw root.Locate(e);
        }
    }

    private static PluginManifest Read(ConfigSection root)
    {
        root.RejectUnknownKeys(ValidKeys);
        var defaults = PluginManifest.Default;
        return new PluginManifest(
            Enabled: root.GetBool("enabled") ?? defaults.Enabled,
            Assemblies: ReadAssemblies(root),
            Timeout: root.GetPositiveNumber("timeout") is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Timeout,
            Retries: root.GetInt("retries", 0) ?? defaults.Retries,
            Categories: ReadCategories(root),
            Where: ReadWhere(root),
            Environment: ReadEnvironment(root) ?? defaults.Environment,
            Limits: ReadLimits(root))
        { Parameters = ReadParameters(root) ?? defaults.Parameters, Scope = ReadScope(root), OwnProcess = ReadOwnProcess(root) };
    }

    private static bool ReadOwnProcess(ConfigSection root) => root.GetString("isolation") switch
    {
        null or "shared" => false,
        "process" => true,
        var other => throw root.Error("isolation", $"expected \"process\" or \"shared\", found \"{other}\""),
    };

    private static IReadOnlyDictionary<string, string>? ReadEnvironment(ConfigSection root)
    {
        var environment = root.GetStringMap("environment");
        if (environment?.Keys.FirstOrDefault(SecretVariables.IsSecret) is { } secret)
            throw root.Error("environment", $"{secret} is the name of a NodeMonitor secret; such variables never reach a plugin");
        if (environment?.Keys.FirstOrDefault(k => k.Length == 0 || k.Contains('=', StringComparison.Ordinal) || k.Contains('\0', StringComparison.Ordinal)) is { } bad)
            throw root.Error("environment", $"\"{bad}\" is not a variable name");
        return environment;
    }

    private static PluginScope ReadScope(ConfigSection root) => root.GetString("scope") switch
    {
        null or "node" => PluginScope.Node,
        "cluster" => PluginScope.Cluster,
        var other => throw root.Error("scope", $"expected \"node\" or \"cluster\", found \"{other}\""),
    };

    private static PluginLimits ReadLimits(ConfigSection root)
    {
        var defaults = PluginLimits.Default;
        int memory = root.GetInt("memoryLimitMB", 16) ?? defaults.MemoryMegabytes;
        int cpu = root.GetInt("cpuSeconds", 1) ?? defaults.CpuSeconds;
        string? user = root.GetString("user");
        if (user is not null && !IsAccountName(user))
            throw root.Error("user", $"expected an account name (letters, digits, '_', '-', '.'), found \"{user}\"");
        return new PluginLimits(memory, cpu, user);
    }

    private static bool IsAccountName(string name) =>
        name.Length is > 0 and <= 32 && name[0] != '-' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

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

    private static WhereExpression? ReadWhere(ConfigSection root)
    {
        string? where = root.GetString("where");
        if (string.IsNullOrWhiteSpace(where)) return null;
        try
        {
            return WhereExpression.Parse(where);
        }
        catch (WhereSyntaxException e)
        {
            throw root.Error("where", $"invalid test selection \"{where.Trim()}\": {e.Message}");
        }
    }
}
