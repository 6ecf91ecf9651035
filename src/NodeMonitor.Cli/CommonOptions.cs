using System.Collections;
using System.CommandLine;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Cli;

/// <summary>Options shared by several verbs, and how they override the configuration file and environment.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = $"Configuration file (JSON). Default: {NodeMonitorConfig.DefaultPath} when it exists; also NODEMONITOR_CONFIG.",
        HelpName = "FILE",
    };

    public static Option<string?> Root() => new("--root")
    {
        Description = "Plugin root: each direct subfolder is a plugin. Default: /var/lib/nodemonitor.",
        HelpName = "DIR",
    };

    public static Option<string?> State() => new("--state")
    {
        Description = "State directory holding the local store and the run lock. Default: /var/lib/nodemonitor-state.",
        HelpName = "DIR",
    };

    public static Option<string?> Node() => new("--node")
    {
        Description = "Node name used in results (letters, digits, '-', '.', '_'). Default: the host name.",
        HelpName = "NAME",
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Console output: text (readable) or json (one JSON document on stdout).",
        HelpName = string.Join('|', UsageErrors.EnumNames(typeof(OutputFormat))),
        DefaultValueFactory = _ => OutputFormat.Text,
    };

    /// <summary>Loads the configuration: file, then NODEMONITOR_* environment, then the flags given.</summary>
    public static NodeMonitorConfig Load(ParseResult parse, Option<string?> config, Option<string?>? root = null,
        Option<string?>? state = null, Option<string?>? node = null)
    {
        var environment = Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        string? path = parse.GetValue(config) ?? environment.GetValueOrDefault("NODEMONITOR_CONFIG");
        var loaded = ConfigLoader.Load(string.IsNullOrEmpty(path) ? null : path, environment);
        if (root is not null && parse.GetValue(root) is { } r) loaded = loaded with { PluginRoot = Path.GetFullPath(r) };
        if (state is not null && parse.GetValue(state) is { } s) loaded = loaded with { StateDirectory = Path.GetFullPath(s) };
        if (node is not null && parse.GetValue(node) is { } n) loaded = loaded with { Node = NodeName.Check(n, null, "--node") };
        loaded.Validate();
        return loaded;
    }
}

internal enum OutputFormat
{
    Text,
    Json,
}
