using NodeMonitor.Core.Nagios;

namespace NodeMonitor.Core.Configuration;

/// <summary>Reads the <c>nagios</c> section of nodemonitor.json into <see cref="NodeMonitorConfig.Nagios"/>.</summary>
internal static class NagiosConfigSection
{
    public static NodeMonitorConfig Apply(NodeMonitorConfig config, ConfigSection root, string key)
    {
        var section = root.GetSection(key);
        if (section is null) return config;
        section.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var nagios = config.Nagios;
        if (section.GetStringMap("macros") is { } macros)
        {
            if (macros.Keys.FirstOrDefault(n => !IsMacroName(n)) is { } bad)
                throw section.Error("macros", $"expected macro names of upper-case letters, digits and '_' (as in $USER1$), found \"{bad}\"");
            nagios = nagios.WithMacros(macros);
        }
        if (section.GetBool("warningIsFailure") is { } warningIsFailure) nagios = nagios with { WarningIsFailure = warningIsFailure };
        if (section.GetPositiveNumber("commandTimeoutSeconds") is { } seconds) nagios = nagios with { CommandTimeout = TimeSpan.FromSeconds(seconds) };
        return config with { Nagios = nagios };
    }

    /// <summary>The environment form of the macros, <c>USER1=/usr/lib/nagios/plugins;USER2=/opt/checks</c>.</summary>
    public static IReadOnlyDictionary<string, string> MacroList(string text)
    {
        var macros = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            string name = equals > 0 ? item[..equals].Trim() : "";
            if (!IsMacroName(name))
                throw new ConfigurationException($"expected NAME=value pairs separated by ';' with upper-case macro names, found \"{item}\"",
                    "environment", ConfigDocumentation.EnvFor("nagios.macros"));
            macros[name] = item[(equals + 1)..].Trim();
        }
        return macros;
    }

    private static bool IsMacroName(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    /// <summary>An environment value for a boolean setting: true/false (also 1/0, yes/no, as in systemd).</summary>
    public static bool Bool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new ConfigurationException($"expected true or false, found \"{text}\"", "environment",
            ConfigDocumentation.EnvFor("nagios.warningIsFailure")),
    };
}
