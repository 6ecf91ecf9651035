namespace NodeMonitor.Core.Reporting;

/// <summary>What the NUnit 3 result file says about the program that wrote it; fixed in golden-file tests.</summary>
internal sealed record ResultEnvironment(string EngineVersion, string ClrVersion, string CommandLine)
{
    public static ResultEnvironment Current { get; } = new(
        typeof(ResultEnvironment).Assembly.GetName().Version?.ToString() ?? "0.0.0.0",
        Environment.Version.ToString(),
        Environment.CommandLine);
}
