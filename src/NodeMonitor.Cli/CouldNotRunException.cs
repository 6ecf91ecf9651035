namespace NodeMonitor.Cli;

/// <summary>An environmental reason the command cannot do its work (exit code 3), reported as one line.</summary>
internal sealed class CouldNotRunException(string message) : Exception(message);
