namespace NodeMonitor.Core.Nagios;

/// <summary>One command definition from an nrpe-style .cfg file: <c>command[Name]=CommandLine</c>.</summary>
/// <param name="Name">The name between the brackets; the test case is <c>nagios.&lt;plugin&gt;.&lt;Name&gt;</c>.</param>
/// <param name="CommandLine">The command line as written, macros not yet resolved.</param>
/// <param name="File">Absolute path of the .cfg file.</param>
/// <param name="Line">1-based line of the definition, for error messages.</param>
public sealed record NagiosCommand(string Name, string CommandLine, string File, int Line)
{
    /// <summary>"file:line", how errors point at the definition.</summary>
    public string Location => $"{File}:{Line}";

    public static string TestClassName(string plugin) => $"nagios.{plugin}";

    public string TestFullName(string plugin) => $"{TestClassName(plugin)}.{Name}";
}
