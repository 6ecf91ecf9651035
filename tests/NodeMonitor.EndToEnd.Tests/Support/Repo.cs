namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>Paths of the built artifacts these tests drive (made by build/build.sh).</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Cli => Path.Combine(Root, "artifacts", "bin", "nodemonitor");

    public static string Fixture(string name) => Path.Combine(Root, "artifacts", "fixtures", name);

    public static string Plugin(string name) => Path.Combine(Root, "artifacts", "plugins", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NodeMonitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NodeMonitor.sln not found above the test directory");
    }
}
