using System.Runtime.InteropServices;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// The environment variables the test host of `dotnet test` gets beyond the caller's own, for a plugin's worker:
/// DOTNET_ROOT_&lt;ARCH&gt; (the .NET installation running the tests), so an apphost a test starts finds the runtime.
/// The plugin's own variables (plugin.json <c>environment</c>) win.
/// </summary>
internal static class TestHostEnvironment
{
    public static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> pluginEnvironment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string rootVariable = $"DOTNET_ROOT_{RuntimeInformation.ProcessArchitecture.ToString().ToUpperInvariant()}";
        if (Environment.GetEnvironmentVariable(rootVariable) is null)
            variables[rootVariable] = DotnetInstallation.Root;
        foreach (var (key, value) in pluginEnvironment) variables[key] = value;
        return variables;
    }
}
