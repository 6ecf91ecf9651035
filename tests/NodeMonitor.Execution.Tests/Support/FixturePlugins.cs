using System.Diagnostics;
using NodeMonitor.Core.Discovery;

namespace NodeMonitor.Execution.Tests.Support;

/// <summary>The published fixture plugins under &lt;repo&gt;/artifacts/fixtures, published on first use when missing (so
/// the tests that need no fixture run without them).</summary>
internal static class FixturePlugins
{
    private static readonly Lazy<string> RootDirectory = new(FindOrPublish);

    public static string Root => RootDirectory.Value;

    /// <summary>A planned run of fixture <paramref name="name"/> (its published folder is the lowercase name).</summary>
    public static PlannedPlugin Plan(string name, string? where = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? assembly = null)
    {
        string directory = Path.Combine(Root, name.ToLowerInvariant());
        var manifest = PluginManifest.Default with { Environment = environment ?? new Dictionary<string, string>() };
        var descriptor = new PluginDescriptor(name.ToLowerInvariant(), directory, [Path.Combine(directory, assembly ?? name + ".dll")], manifest);
        return new PlannedPlugin(descriptor, where, timeout ?? TimeSpan.FromSeconds(60));
    }

    private static string FindOrPublish()
    {
        string repo = RepositoryRoot();
        string fixtures = Path.Combine(repo, "artifacts", "fixtures");
        if (File.Exists(Path.Combine(fixtures, ".fixtures-stamp"))) return fixtures;

        var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(repo, "tests", "fixtures", "publish.sh"), fixtures])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"tests/fixtures/publish.sh failed:\n{output}");
        return fixtures;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no NodeMonitor.sln above {TestContext.CurrentContext.TestDirectory}");
    }
}
