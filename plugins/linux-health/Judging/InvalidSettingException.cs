namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>A threshold variable from plugin.json's "environment" that cannot be used; the message names it.</summary>
public sealed class InvalidSettingException(string message) : Exception(message);
