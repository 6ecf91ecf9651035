using System.Globalization;

namespace NodeMonitor.Core.Configuration;

/// <summary>
/// Reads <see cref="NodeMonitorConfig"/>: defaults, then one JSON file, then NODEMONITOR_* environment
/// variables. Everything is checked here, before anything runs; an unknown key is an error.
/// </summary>
/// <remarks>
/// Each top-level key has one entry in <see cref="FileSections"/> and one row in
/// <see cref="ConfigDocumentation.Keys"/> (which also supplies the list of valid keys). A later section
/// (etcd, swift, serve, metrics) is added by adding its row(s) and one entry that reads its
/// <see cref="ConfigSection"/>; the loader itself does not change.
/// </remarks>
public static class ConfigLoader
{
    private delegate NodeMonitorConfig ApplySection(NodeMonitorConfig config, ConfigSection root, string key);

    private static readonly IReadOnlyDictionary<string, ApplySection> FileSections = new Dictionary<string, ApplySection>(StringComparer.Ordinal)
    {
        ["node"] = (c, s, k) => s.GetString(k) is { } v ? c with { Node = NodeName.Check(v, s.File, k) } : c,
        ["labels"] = (c, s, k) => s.GetStringMap(k) is { } v ? c with { Labels = NodeLabels.Check(v, s.File, k) } : c,
        ["pluginRoot"] = (c, s, k) => s.GetString(k) is { } v ? c with { PluginRoot = FilePath(s, k, v) } : c,
        ["stateDirectory"] = (c, s, k) => s.GetString(k) is { } v ? c with { StateDirectory = FilePath(s, k, v) } : c,
        ["parallel"] = (c, s, k) => s.GetInt(k, 1) is { } v ? c with { Parallel = v } : c,
        ["defaultTimeoutSeconds"] = (c, s, k) => s.GetPositiveNumber(k) is { } v ? c with { DefaultTimeout = TimeSpan.FromSeconds(v) } : c,
        ["retention"] = ApplyRetention,
        ["etcd"] = Reporting.Central.CentralConfigSections.ApplyEtcd,
        ["swift"] = Reporting.Central.CentralConfigSections.ApplySwift,
        ["report"] = Reporting.Central.CentralConfigSections.ApplyReport,
        ["serve"] = ServeConfigSection.ApplyServe,
        ["metrics"] = ServeConfigSection.ApplyMetrics,
        ["nagios"] = NagiosConfigSection.Apply,
        ["notify"] = NotifyConfigSection.Apply,
    };

    /// <summary>Loads the configuration.</summary>
    /// <param name="path">The file to read; null reads <see cref="NodeMonitorConfig.DefaultPath"/> when it exists.</param>
    /// <param name="environment">Variables that override the file (the CLI passes the process environment).</param>
    /// <exception cref="ConfigurationException">The file is missing (when named explicitly) or a value is wrong.</exception>
    public static NodeMonitorConfig Load(string? path, IReadOnlyDictionary<string, string?> environment)
    {
        var config = NodeMonitorConfig.Defaults();
        string file = path ?? NodeMonitorConfig.DefaultPath;
        ConfigSection? root = null;
        if (File.Exists(file))
            root = ConfigSection.ReadFile(Path.GetFullPath(file));
        else if (path is not null)
            throw new ConfigurationException(Directory.Exists(path) ? "expected a file, found a directory" : "the configuration file does not exist", path);

        try
        {
            if (root is not null) config = ApplyFile(config, root);
            config = ApplyEnvironment(config, environment);
            config.Validate();
            return config;
        }
        catch (ConfigurationException e) when (root is not null)
        {
            // Every mistake about a key of the file points at that key, whichever rule found it.
            throw root.Locate(e);
        }
    }

    private static NodeMonitorConfig ApplyFile(NodeMonitorConfig config, ConfigSection root)
    {
        root.RejectUnknownKeys(ConfigDocumentation.KeysUnder(""));
        config = config with { SourceFile = root.File };
        foreach (var (key, apply) in FileSections)
            config = apply(config, root, key);
        return config;
    }

    private static NodeMonitorConfig ApplyRetention(NodeMonitorConfig config, ConfigSection root, string key)
    {
        var section = root.GetSection(key);
        if (section is null) return config;
        section.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var retention = config.Retention;
        if (section.GetPositiveNumber("days") is { } days)
            retention = retention with { MaxAge = TimeSpan.FromDays(days) };
        if (section.GetPositiveNumber("maxMegabytes") is { } megabytes)
            retention = retention with { MaxBytes = Megabytes(megabytes) };
        return config with { Retention = retention };
    }

    private static NodeMonitorConfig ApplyEnvironment(NodeMonitorConfig config, IReadOnlyDictionary<string, string?> environment)
    {
        var variables = new EnvironmentOverrides(environment);
        if (variables.Text("node") is { } node) config = config with { Node = NodeName.Check(node, "environment", ConfigDocumentation.EnvFor("node")) };
        if (variables.Text("labels") is { } labels) config = config with { Labels = NodeLabels.Check(NodeLabels.ParseList(labels, ConfigDocumentation.EnvFor("labels")), "environment", ConfigDocumentation.EnvFor("labels")) };
        if (variables.Text("pluginRoot") is { } pluginRoot) config = config with { PluginRoot = Path.GetFullPath(pluginRoot) };
        if (variables.Text("stateDirectory") is { } state) config = config with { StateDirectory = Path.GetFullPath(state) };
        if (variables.Integer("parallel", 1) is { } parallel) config = config with { Parallel = parallel };
        if (variables.PositiveNumber("defaultTimeoutSeconds") is { } timeout) config = config with { DefaultTimeout = TimeSpan.FromSeconds(timeout) };
        if (variables.PositiveNumber("retention.days") is { } days) config = config with { Retention = config.Retention with { MaxAge = TimeSpan.FromDays(days) } };
        if (variables.PositiveNumber("retention.maxMegabytes") is { } mb) config = config with { Retention = config.Retention with { MaxBytes = Megabytes(mb) } };
        if (variables.Text("nagios.macros") is { } macros) config = config with { Nagios = config.Nagios.WithMacros(NagiosConfigSection.MacroList(macros)) };
        if (variables.Text("nagios.warningIsFailure") is { } warning) config = config with { Nagios = config.Nagios with { WarningIsFailure = NagiosConfigSection.Bool(warning) } };
        if (variables.PositiveNumber("nagios.commandTimeoutSeconds") is { } commandTimeout) config = config with { Nagios = config.Nagios with { CommandTimeout = TimeSpan.FromSeconds(commandTimeout) } };
        if (variables.Text("serve.address") is { } address) config = config with { Serve = config.Serve with { Address = address } };
        if (variables.Integer("serve.port", 1) is { } port) config = config with { Serve = config.Serve with { Port = port } };
        if (variables.Text("serve.token") is { } token) config = config with { Serve = config.Serve with { Token = token } };
        if (variables.PositiveNumber("metrics.rawHours") is { } rawHours) config = config with { Metrics = config.Metrics with { RawHours = rawHours } };
        if (variables.PositiveNumber("metrics.rollupDays") is { } rollupDays) config = config with { Metrics = config.Metrics with { RollupDays = rollupDays } };
        config = NotifyConfigSection.ApplyEnvironment(config, variables.Text, variables.PositiveNumber, variables.Integer);
        config = Reporting.Central.CentralEnvironment.Apply(config, environment);
        return config;
    }

    private static long Megabytes(double megabytes) => (long)(megabytes * 1024 * 1024);

    private static string NonEmpty(ConfigSection section, string key, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw section.Error(key, "expected a non-empty string") : value;

    /// <summary>Relative paths in the file are relative to the file, so a config works wherever it is read from.</summary>
    private static string FilePath(ConfigSection section, string key, string value) =>
        Path.GetFullPath(NonEmpty(section, key, value), Path.GetDirectoryName(section.File)!);

    /// <summary>Reads NODEMONITOR_* variables; an empty variable counts as unset (as with systemd's Environment=).</summary>
    private sealed class EnvironmentOverrides(IReadOnlyDictionary<string, string?> environment)
    {
        public string? Text(string key)
        {
            environment.TryGetValue(ConfigDocumentation.EnvFor(key), out string? value);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public int? Integer(string key, int minimum)
        {
            if (Text(key) is not { } text) return null;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
                throw Invalid(key, text, $"a whole number of at least {minimum}");
            return value;
        }

        public double? PositiveNumber(string key)
        {
            if (Text(key) is not { } text) return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0) || double.IsInfinity(value))
                throw Invalid(key, text, "a number greater than 0");
            return value;
        }

        private static ConfigurationException Invalid(string key, string text, string expected) =>
            new($"expected {expected}, found \"{text}\"", "environment", ConfigDocumentation.EnvFor(key));
    }
}
