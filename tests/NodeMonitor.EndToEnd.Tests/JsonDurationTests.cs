using System.Text.Json;
using NodeMonitor.Tests.Shared;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>Every --format json document gives durations one way: seconds as a number, in a property named ...Seconds.</summary>
[Category("Integration")]
[Parallelizable(ParallelScope.All)]
public sealed class JsonDurationTests
{
    [Test]
    public void EveryJsonOutputGivesDurationsAsSecondsNumbers()
    {
        using var ws = new Workspace("mixed");
        var run = CliRun.Invoke(ws.RunArgs("--format", "json"));
        string[] store = ["--state", ws.State, "--format", "json"];
        var documents = new Dictionary<string, string>
        {
            ["run"] = run.Stdout,
            ["status"] = CliRun.Invoke(["status", "--all", .. store], null).Stdout,
            ["history"] = CliRun.Invoke(["history", .. store], null).Stdout,
            ["metrics"] = CliRun.Invoke(["metrics", .. store], null).Stdout,
            ["metrics NAME"] = CliRun.Invoke(["metrics", "nodemonitor_run_duration_seconds", .. store], null).Stdout,
            ["list"] = CliRun.Invoke("list", "--root", ws.PluginRoot, "--tests", "--format", "json").Stdout,
        };

        Assert.Multiple(() =>
        {
            foreach (var (verb, text) in documents)
            {
                using var json = JsonDocument.Parse(text);
                foreach (var (path, value) in JsonPaths.Walk(json.RootElement, verb))
                {
                    Assert.That(JsonPaths.IsTimeSpanText(value), Is.False, $"{path} is a duration as text: {value}");
                    if (path.EndsWith("Seconds", StringComparison.Ordinal))
                        Assert.That(value.ValueKind, Is.AnyOf(JsonValueKind.Number, JsonValueKind.Null), path);
                    Assert.That(JsonPaths.IsUnitlessDuration(path), Is.False, $"{path}: a duration named without its unit");
                }
            }
        });
        Assert.That(documents["status"], Does.Contain("\"durationSeconds\""));
        Assert.That(documents["history"], Does.Contain("\"durationSeconds\""));
    }
}
