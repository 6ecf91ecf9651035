using System.Globalization;

namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>
/// Reads the NM_* variables that plugin.json's "environment" sets for the worker.
/// Unset or blank means the documented default; anything unreadable is an error naming the variable.
/// </summary>
public sealed class Settings(Func<string, string?> lookup)
{
    public static Settings FromEnvironment() => new(Environment.GetEnvironmentVariable);

    public double Number(SettingDefinition setting)
    {
        var variable = setting.Variable;
        var defaultValue = double.Parse(setting.DefaultValue, CultureInfo.InvariantCulture);
        var text = lookup(variable);
        if (string.IsNullOrWhiteSpace(text))
            return defaultValue;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0)
            throw new InvalidSettingException($"{variable}='{text}' is not a non-negative number (default {defaultValue.ToString(CultureInfo.InvariantCulture)})");
        return value;
    }

    public bool Flag(SettingDefinition setting)
    {
        var variable = setting.Variable;
        var defaultValue = bool.Parse(setting.DefaultValue);
        var text = lookup(variable);
        if (string.IsNullOrWhiteSpace(text))
            return defaultValue;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new InvalidSettingException($"{variable}='{text}' is not true or false (default {(defaultValue ? "true" : "false")})"),
        };
    }

    /// <summary>Free text such as a comma-separated list; set but empty means empty, not the default.</summary>
    public string Text(SettingDefinition setting) => lookup(setting.Variable) ?? setting.DefaultValue;
}
