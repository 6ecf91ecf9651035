namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>An environment variable the plugin reads, with its default as written in plugin.json.</summary>
public sealed record SettingDefinition(string Variable, string DefaultValue);
