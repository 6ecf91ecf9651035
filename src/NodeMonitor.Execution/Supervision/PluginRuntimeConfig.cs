using System.Text.Json;
using System.Text.Json.Nodes;

namespace NodeMonitor.Execution.Supervision;

/// <summary>
/// The runtime configuration a plugin's worker starts with, as `dotnet test` starts its test host with the test
/// project's own runtimeconfig.json: the plugin's configProperties (globalization mode, AppContext switches, GC and
/// thread pool settings) and its frameworks (e.g. ASP.NET Core), on at least the .NET version the worker needs.
/// Written into a fresh folder for one worker start and deleted after: owned by the supervisor and writable by it
/// alone (0755, the file 0644), so no other user can swap it, yet a plugin that runs as its own <c>user</c> can read it.
/// A plugin without a runtimeconfig.json runs with the worker's own.
/// </summary>
internal sealed class PluginRuntimeConfig : IDisposable
{
    private const string RuntimeConfigSuffix = ".runtimeconfig.json";
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private readonly DirectoryInfo? _folder;

    private PluginRuntimeConfig(DirectoryInfo? folder, string? path)
    {
        _folder = folder;
        FilePath = path;
    }

    /// <summary>The merged runtimeconfig.json to start the worker with; null to start it with its own.</summary>
    public string? FilePath { get; }

    /// <exception cref="InvalidDataException">The plugin's or the worker's runtimeconfig.json is not readable JSON.</exception>
    public static PluginRuntimeConfig Prepare(string workerRuntimeConfig, IEnumerable<string> pluginAssemblies)
    {
        if (Merged(workerRuntimeConfig, pluginAssemblies) is not { } config) return new PluginRuntimeConfig(null, null);
        var (fileName, merged) = config;
        var folder = Directory.CreateTempSubdirectory("nodemonitor-worker-");
        try
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, ReadableByAll | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            string path = Path.Combine(folder.FullName, fileName);
            File.WriteAllText(path, merged);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, ReadableByAll | UnixFileMode.UserWrite);
            return new PluginRuntimeConfig(folder, path);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The runtime configuration the plugin's worker starts with, as text: plugins can share a worker only when
    /// theirs are the same. Null when the worker starts with its own.</summary>
    /// <exception cref="InvalidDataException">The plugin's or the worker's runtimeconfig.json is not readable JSON.</exception>
    public static string? MergedText(string workerRuntimeConfig, IEnumerable<string> pluginAssemblies) =>
        Merged(workerRuntimeConfig, pluginAssemblies)?.Json;

    private static (string FileName, string Json)? Merged(string workerRuntimeConfig, IEnumerable<string> pluginAssemblies)
    {
        string? pluginConfig = pluginAssemblies
            .Select(a => Path.ChangeExtension(a, null) + RuntimeConfigSuffix)
            .FirstOrDefault(File.Exists);
        if (pluginConfig is null || !File.Exists(workerRuntimeConfig)) return null;
        var worker = Read(workerRuntimeConfig);
        // A self-contained worker (the Debian package: the runtime inside, no dotnet host on the node) cannot be
        // started by `dotnet exec`; it runs every plugin with its own configuration.
        if (Options(worker).ContainsKey("includedFrameworks")) return null;
        return (Path.GetFileName(pluginConfig), Merge(worker, Read(pluginConfig)).ToJsonString());
    }

    /// <summary>Profile-guided tiering compiles a hot method twice more (instrumented, then optimized): in a worker that
    /// lives for one run, on 20,000 cases, about 0.8 CPU-s spent on compiling rather than testing.</summary>
    private static readonly string[] WorkerTuning = ["System.Runtime.TieredPGO"];

    /// <summary>
    /// The worker's runtime options with the plugin's configProperties in place of the worker's own, and the
    /// frameworks of both, each at the higher version of the two (a net8.0 plugin still runs on the worker's .NET).
    /// A self-contained plugin (includedFrameworks) brings no frameworks of its own. The worker's settings of how code
    /// is compiled (<see cref="WorkerTuning"/>) stay where the plugin has none: they change speed, never behaviour.
    /// </summary>
    public static JsonObject Merge(JsonObject worker, JsonObject plugin)
    {
        var workerOptions = Options(worker);
        var pluginOptions = Options(plugin);
        var frameworks = new List<(string Name, Version Version, string Text)>();
        foreach (var framework in Frameworks(workerOptions).Concat(Frameworks(pluginOptions)))
        {
            int known = frameworks.FindIndex(f => f.Name == framework.Name);
            if (known < 0) frameworks.Add(framework);
            else if (framework.Version > frameworks[known].Version) frameworks[known] = framework;
        }
        // Every framework at least at the worker's .NET version: ASP.NET Core 8 cannot run on .NET 10's runtime.
        var floor = frameworks.Count > 0 ? frameworks[0] : default;
        var options = new JsonObject();
        if (workerOptions["tfm"] is { } tfm) options["tfm"] = tfm.DeepClone();
        options["frameworks"] = new JsonArray(frameworks
            .Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["version"] = f.Version < floor.Version ? floor.Text : f.Text })
            .ToArray());
        var properties = pluginOptions["configProperties"]?.DeepClone().AsObject() ?? new JsonObject();
        if (workerOptions["configProperties"] is JsonObject workerProperties)
        {
            foreach (string key in WorkerTuning)
            {
                if (!properties.ContainsKey(key) && workerProperties[key] is { } value) properties[key] = value.DeepClone();
            }
        }
        options["configProperties"] = properties;
        return new JsonObject { ["runtimeOptions"] = options };
    }

    public void Dispose()
    {
        try
        {
            _folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover file in the temporary folder harms nothing.
        }
    }

    private static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient) as JsonObject
                ?? throw new InvalidDataException($"{Path.GetFileName(path)} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not valid JSON: {e.Message}", e);
        }
    }

    private static JsonObject Options(JsonObject config) => config["runtimeOptions"] as JsonObject ?? new JsonObject();

    private static bool TryGetString(JsonNode? node, out string value)
    {
        value = "";
        return node is JsonValue v && v.TryGetValue(out value!);
    }

    private static IEnumerable<(string Name, Version Version, string Text)> Frameworks(JsonObject options)
    {
        var listed = options["frameworks"] as JsonArray ?? new JsonArray();
        var single = options["framework"] is JsonObject one ? new JsonNode[] { one } : [];
        foreach (var node in listed.Concat(single))
        {
            if (!TryGetString(node?["name"], out string name) || name.Length == 0) continue;
            string text = TryGetString(node?["version"], out string v) ? v : "0.0";
            yield return (name, Version.TryParse(text.Split('-')[0], out var version) ? version : new Version(0, 0), text);
        }
    }
}
