namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>A throwaway plugin root and state directory for one test, filled with links to built fixtures.</summary>
internal sealed class Workspace : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("nm-e2e-").FullName;

    public string PluginRoot => System.IO.Path.Combine(Path, "plugins");

    public string State => System.IO.Path.Combine(Path, "state");

    public Workspace(params string[] fixtures)
    {
        Directory.CreateDirectory(PluginRoot);
        foreach (var f in fixtures) AddFixture(f);
    }

    /// <summary>Copies a published fixture into the plugin root (copies, so a test may edit its plugin.json).</summary>
    public string AddFixture(string name, string? as_ = null) => Copy(Repo.Fixture(name), as_ ?? name);

    public string AddPlugin(string name) => Copy(Repo.Plugin(name), name);

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string[] RunArgs(params string[] extra) =>
        ["run", "--root", PluginRoot, "--state", State, .. extra];

    private string Copy(string from, string name)
    {
        if (!Directory.Exists(from)) Assert.Fail($"{from} is missing: run build/build.sh first");
        string to = System.IO.Path.Combine(PluginRoot, name);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            System.IO.File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        return to;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
