using NodeMonitor.Execution.Hosting;

namespace NodeMonitor.Execution.Tests.Hosting;

/// <summary>Which entries of the host's lists are the worker's own (hidden from a plugin) and which the runtime's (kept).</summary>
public sealed class WorkerFilesTests
{
    private const string Folder = "/opt/nodemonitor/bin";
    private string _scratch = "";

    [SetUp]
    public void CreateScratch() => _scratch = Directory.CreateTempSubdirectory("nm-worker-files-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    private string Deps(bool selfContained)
    {
        string runtimePack = selfContained
            ? """, "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.0": { "runtime": { "System.Runtime.dll": {}, "System.Text.Json.dll": {} } }"""
            : "";
        string runtimePackLibrary = selfContained ? """, "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.0": { "type": "runtimepack" }""" : "";
        string path = Path.Combine(_scratch, "nodemonitor-worker.deps.json");
        File.WriteAllText(path, $$"""
            { "targets": { ".NETCoreApp,Version=v10.0/linux-x64": {
                "nodemonitor-worker/0.1.0": { "runtime": { "nodemonitor-worker.dll": {} } },
                "NodeMonitor.Execution/0.1.0": { "runtime": { "NodeMonitor.Execution.dll": {} } },
                "Microsoft.Data.Sqlite/10.0.0": { "runtime": { "lib/net8.0/Microsoft.Data.Sqlite.dll": {} } }{{runtimePack}} } },
              "libraries": { "nodemonitor-worker/0.1.0": { "type": "project" }, "NodeMonitor.Execution/0.1.0": { "type": "project" },
                "Microsoft.Data.Sqlite/10.0.0": { "type": "package" }{{runtimePackLibrary}} } }
            """);
        return path;
    }

    [Test]
    public void FrameworkDependentWorkerOwnsItsAssembliesDepsFileAndFolder()
    {
        string deps = Deps(selfContained: false);
        var worker = WorkerFiles.Read(deps, Folder);
        Assert.That(worker.Owns(deps), Is.True);
        Assert.That(worker.Owns($"{Folder}/NodeMonitor.Execution.dll"), Is.True);
        Assert.That(worker.Owns($"{Folder}/Microsoft.Data.Sqlite.dll"), Is.True, "a package's file, flattened into the folder");
        Assert.That(worker.Owns($"{Folder}/"), Is.True);
        Assert.That(worker.Owns("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/System.Runtime.dll"), Is.False);
        Assert.That(worker.Owns("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0/"), Is.False);
        Assert.That(worker.Owns("/plugins/disk/NodeMonitor.Execution.dll"), Is.False, "a plugin's file of the same name");
    }

    [Test]
    public void SelfContainedWorkerKeepsItsRuntimeOnTheLists()
    {
        var worker = WorkerFiles.Read(Deps(selfContained: true), Folder);
        Assert.That(worker.Owns($"{Folder}/System.Runtime.dll"), Is.False);
        Assert.That(worker.Owns($"{Folder}/System.Text.Json.dll"), Is.False);
        Assert.That(worker.Owns($"{Folder}/"), Is.False, "the runtime's native libraries live there");
        Assert.That(worker.Owns($"{Folder}/nodemonitor-worker.dll"), Is.True);
    }

    [Test]
    public void UnreadableDepsFileLeavesOnlyTheFileAndTheFolder()
    {
        string deps = Path.Combine(_scratch, "broken.deps.json");
        File.WriteAllText(deps, "{ not json");
        var worker = WorkerFiles.Read(deps, Folder);
        Assert.That(worker.Owns(deps), Is.True);
        Assert.That(worker.Owns($"{Folder}/"), Is.True);
        Assert.That(worker.Owns($"{Folder}/System.Runtime.dll"), Is.False);
    }
}
