using System.Text.Json;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>
/// A workspace with the hostile fixture (one attack selected by category through its plugin.json) beside a
/// well-behaved plugin (nunit5), and what became of both after `nodemonitor run --format json`.
/// </summary>
internal sealed class HostileRun : IDisposable
{
    public const string Healthy = "nunit5";
    private readonly Workspace _ws = new("hostile", Healthy);

    public HostileRun(string category, string extraManifest = "")
    {
        PidFile = _ws.File("pids");
        File.WriteAllText(Path.Combine(_ws.PluginRoot, "hostile", "plugin.json"),
            $$"""{ "timeout": 60, "where": "cat == {{category}}", "environment": { "HOSTILE_PID_FILE": "{{PidFile}}" } {{extraManifest}} }""");
    }

    public Workspace Workspace => _ws;

    public string PidFile { get; }

    public CliRun Run(IDictionary<string, string>? environment = null) =>
        CliRun.Invoke(_ws.RunArgs("--format", "json"), environment);

    /// <summary>PIDs the hostile tests wrote down (children they started).</summary>
    public IReadOnlyList<int> Pids() =>
        File.Exists(PidFile) ? File.ReadAllLines(PidFile).Where(l => l.Length > 0).Select(int.Parse).ToList() : [];

    public static JsonElement Plugin(CliRun run, string name)
    {
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).Clone();
    }

    public static IReadOnlyList<string> PassedTests(JsonElement plugin) =>
        plugin.GetProperty("tests").EnumerateArray()
            .Where(t => t.GetProperty("outcome").GetString() == "Passed")
            .Select(t => t.GetProperty("fullName").GetString()!).ToList();

    /// <summary>Alive and not a zombie waiting for its parent.</summary>
    public static bool IsAlive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'); }
        catch (IOException) { return false; }
    }

    /// <summary>Kills what a failing test left behind, so one failure does not leave sleepers on the machine.</summary>
    public void Dispose()
    {
        foreach (int pid in Pids().Where(IsAlive))
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
        }
        _ws.Dispose();
    }
}
