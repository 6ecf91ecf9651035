using System.Text.Json.Nodes;
using NodeMonitor.Execution.Protocol;
using NodeMonitor.Execution.Supervision;

namespace NodeMonitor.Execution.Tests;

/// <summary>The worker starts with the plugin's runtime configuration, on frameworks both can run on.</summary>
public sealed class PluginRuntimeConfigTests
{
    private static readonly JsonObject Worker = Config("""
        { "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
          "configProperties": { "System.Globalization.Invariant": true, "Worker.Own": true } } }
        """);

    [Test]
    public void ThePluginsConfigPropertiesReplaceTheWorkersOwn()
    {
        var plugin = Config("""
            { "runtimeOptions": { "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
              "configProperties": { "System.Globalization.Invariant": false, "Plugin.Switch": true, "System.GC.Server": true } } }
            """);

        var properties = PluginRuntimeConfig.Merge(Worker, plugin)["runtimeOptions"]!["configProperties"]!.AsObject();

        Assert.That(properties.Select(p => p.Key), Is.EquivalentTo(new[] { "System.Globalization.Invariant", "Plugin.Switch", "System.GC.Server" }));
        Assert.That(properties["System.Globalization.Invariant"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void TheWorkersTieringSettingStaysUnlessThePluginChoosesItsOwn()
    {
        var worker = Config("""
            { "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
              "configProperties": { "System.Runtime.TieredPGO": false, "Worker.Own": true } } }
            """);
        var silent = Config("""{ "runtimeOptions": { "configProperties": { "Plugin.Switch": true } } }""");
        var choosing = Config("""{ "runtimeOptions": { "configProperties": { "System.Runtime.TieredPGO": true } } }""");

        var kept = PluginRuntimeConfig.Merge(worker, silent)["runtimeOptions"]!["configProperties"]!.AsObject();
        var chosen = PluginRuntimeConfig.Merge(worker, choosing)["runtimeOptions"]!["configProperties"]!.AsObject();

        Assert.That(kept.Select(p => p.Key), Is.EquivalentTo(new[] { "Plugin.Switch", "System.Runtime.TieredPGO" }), "nothing else of the worker's");
        Assert.That(kept["System.Runtime.TieredPGO"]!.GetValue<bool>(), Is.False);
        Assert.That(chosen["System.Runtime.TieredPGO"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void AnOlderPluginRunsOnTheWorkersRuntimeWithItsOtherFrameworksLiftedToIt()
    {
        var plugin = Config("""
            { "runtimeOptions": { "frameworks": [ { "name": "Microsoft.NETCore.App", "version": "8.0.0" },
              { "name": "Microsoft.AspNetCore.App", "version": "8.0.0" } ] } }
            """);

        var frameworks = Frameworks(PluginRuntimeConfig.Merge(Worker, plugin));

        Assert.That(frameworks, Is.EqualTo(new[] { ("Microsoft.NETCore.App", "10.0.0"), ("Microsoft.AspNetCore.App", "10.0.0") }));
    }

    [Test]
    public void ASelfContainedPluginBringsNoFrameworksAndNoPropertiesMeansNone()
    {
        var plugin = Config("""{ "runtimeOptions": { "includedFrameworks": [ { "name": "Microsoft.NETCore.App", "version": "10.0.1" } ] } }""");

        var merged = PluginRuntimeConfig.Merge(Worker, plugin);

        Assert.That(Frameworks(merged), Is.EqualTo(new[] { ("Microsoft.NETCore.App", "10.0.0") }));
        Assert.That(merged["runtimeOptions"]!["configProperties"]!.AsObject(), Is.Empty);
    }

    [Test]
    public void ASelfContainedWorkerRunsPluginsWithItsOwnConfiguration() => InFolderWithPluginConfig(
        """{ "runtimeOptions": { "configProperties": { "A": 1 } } }""", (worker, assembly) =>
    {
        File.WriteAllText(worker, """{ "runtimeOptions": { "includedFrameworks": [ { "name": "Microsoft.NETCore.App", "version": "10.0.0" } ] } }""");

        using var config = PluginRuntimeConfig.Prepare(worker, [assembly]);

        Assert.That(config.FilePath, Is.Null, "no dotnet host on a node with the self-contained package: the worker's apphost starts");
    });

    [Test]
    public void PreparedFileIsWritableByTheSupervisorAloneAndGoneAfterUse() => InFolderWithPluginConfig("""{ "runtimeOptions": { "configProperties": { "A": 1 } } }""", (worker, assembly) =>
    {
        string path;
        using (var config = PluginRuntimeConfig.Prepare(worker, [assembly]))
        {
            path = config.FilePath!;
            Assert.That(Config(File.ReadAllText(path))["runtimeOptions"]!["configProperties"]!["A"]!.GetValue<int>(), Is.EqualTo(1));
            if (!OperatingSystem.IsWindows())
            {
                // Others may read it (a plugin's `user` starts the worker from it), never write or swap it.
                const UnixFileMode writableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
                Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!) & writableByOthers, Is.EqualTo((UnixFileMode)0));
                Assert.That(File.GetUnixFileMode(path) & writableByOthers, Is.EqualTo((UnixFileMode)0));
                Assert.That(File.GetUnixFileMode(path) & UnixFileMode.OtherRead, Is.EqualTo(UnixFileMode.OtherRead));
            }
        }
        Assert.That(File.Exists(path), Is.False);
    });

    [Test]
    public void AMalformedPluginConfigIsAReasonNamingTheFile() => InFolderWithPluginConfig("{ not json", (worker, assembly) =>
    {
        var error = Assert.Throws<InvalidDataException>(() => PluginRuntimeConfig.Prepare(worker, [assembly]))!;

        Assert.That(error.Message, Does.StartWith("Checks.runtimeconfig.json is not valid JSON"));
    });

    [Test]
    public void RunParametersTravelToTheWorkerIntact()
    {
        var request = new WorkerRequest(WorkerMode.Run, "p", "", ["/p/A.dll"])
        {
            Parameters = new Dictionary<string, string> { ["Url"] = "http://x/?a=b", ["Empty"] = "" },
        };

        var parsed = WorkerRequest.Parse(request.ToArguments())!;

        Assert.That(parsed.Parameters, Is.EqualTo(request.Parameters));
        Assert.That(parsed.Assemblies, Is.EqualTo(new[] { "/p/A.dll" }));
    }

    /// <summary>A temporary folder with the worker's runtimeconfig.json and a plugin Checks.dll's; the action gets both paths.</summary>
    private static void InFolderWithPluginConfig(string pluginConfig, Action<string, string> test)
    {
        string folder = Directory.CreateTempSubdirectory("nm-rc-test-").FullName;
        try
        {
            string worker = Path.Combine(folder, "nodemonitor-worker.runtimeconfig.json");
            File.WriteAllText(worker, Worker.ToJsonString());
            File.WriteAllText(Path.Combine(folder, "Checks.runtimeconfig.json"), pluginConfig);
            test(worker, Path.Combine(folder, "Checks.dll"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonObject Config(string json) => JsonNode.Parse(json)!.AsObject();

    private static (string, string)[] Frameworks(JsonObject config) =>
        config["runtimeOptions"]!["frameworks"]!.AsArray()
            .Select(f => (f!["name"]!.GetValue<string>(), f["version"]!.GetValue<string>())).ToArray();
}
