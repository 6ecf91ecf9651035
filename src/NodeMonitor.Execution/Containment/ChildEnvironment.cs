using System.Collections;
using System.Runtime.InteropServices;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Execution.Supervision;

namespace NodeMonitor.Execution.Containment;

/// <summary>
/// The whole environment of a plugin's processes (worker and Nagios commands), built here and nowhere else. Nothing
/// of the supervisor's environment is inherited except this base: <c>PATH</c>, <c>LANG</c>, <c>LANGUAGE</c>, <c>LC_*</c>,
/// <c>TZ</c>, <c>TMPDIR</c> and <c>DOTNET_*</c> (how the .NET runtime is found and tuned, with
/// <c>DOTNET_ROOT_&lt;ARCH&gt;</c> added as the test host of <c>dotnet test</c> gets it); then <c>HOME</c>, <c>USER</c>,
/// <c>LOGNAME</c> of the account the plugin runs as, <c>NODEMONITOR_NODE</c> and <c>NODEMONITOR_PLUGIN</c>; then the
/// plugin's own <c>environment</c> from plugin.json; last <c>NODEMONITOR_WORKER_MARK</c>, which tags the processes
/// of one plugin run so that they can be found and killed. A NodeMonitor secret (<see cref="SecretVariables"/>) is
/// never set, whatever its source.
/// </summary>
internal static class ChildEnvironment
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    public const string MarkVariable = "NODEMONITOR_WORKER_MARK";

    private static readonly string[] InheritedNames = ["PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR"];
    private static readonly string[] InheritedPrefixes = ["LC_", "DOTNET_"];

    public static Dictionary<string, string> Build(ChildAccount account, string? node, string plugin,
        IReadOnlyDictionary<string, string> pluginEnvironment, string mark, IDictionary? inherited = null)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited ?? Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && IsInherited(name)) result[name] = value;
        }
        if (!result.ContainsKey("PATH")) result["PATH"] = DefaultPath;
        // As the test host of `dotnet test` gets it: an apphost a test starts finds the runtime.
        if (DotnetInstallation.Root is { } dotnetRoot && string.IsNullOrEmpty(result.GetValueOrDefault(DotnetRootVariable)))
            result[DotnetRootVariable] = dotnetRoot;
        result["HOME"] = account.Home;
        result["USER"] = account.Name;
        result["LOGNAME"] = account.Name;
        if (!string.IsNullOrEmpty(node)) result["NODEMONITOR_NODE"] = node;
        result["NODEMONITOR_PLUGIN"] = plugin;
        foreach (var (name, value) in pluginEnvironment) result[name] = value;
        result[MarkVariable] = mark;
        foreach (string secret in result.Keys.Where(SecretVariables.IsSecret).ToList()) result.Remove(secret);
        return result;
    }

    private static string DotnetRootVariable =>
        $"DOTNET_ROOT_{RuntimeInformation.ProcessArchitecture.ToString().ToUpperInvariant()}";

    private static bool IsInherited(string name) =>
        InheritedNames.Contains(name, StringComparer.Ordinal)
        || InheritedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
