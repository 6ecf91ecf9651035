using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Tests.Reporting;

/// <summary>A fixed run with every outcome, a parameterized method, two namespaces and a crashed plugin.</summary>
internal static class SampleRun
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 5, 6, 7, 0, TimeSpan.Zero);

    public static RunResult Create()
    {
        var disk = new PluginResult("disk", ["/var/lib/nodemonitor/disk/Disk.Checks.dll"], PluginStatus.Completed, null, null, null,
            Start, TimeSpan.FromSeconds(2),
            [
                Test("RootHasSpace", TestOutcome.Passed, 0.1, output: "free: 42%\n", asserts: 1, categories: ["fast"]),
                Test("VarIsNotFull", TestOutcome.Failed, 0.2, message: "  /var is 97% full\nExpected: less than 90\nBut was: 97\n",
                    stackTrace: "   at Acme.Disk.SpaceTests.VarIsNotFull() in Space.cs:line 12\n", asserts: 1,
                    properties: [new("Severity", "high")]),
                Test("Inodes", TestOutcome.Warning, 0.01, message: "inodes at 85%"),
                Test("Throws", TestOutcome.Failed, 0.01, label: "Error", message: "System.IO.IOException : disk <gone> ]]> \u001b[31m",
                    stackTrace: "   at Acme.Disk.SpaceTests.Throws()"),
                Test("Mount(\"/\")", TestOutcome.Passed, 0.01, method: "Mount", asserts: 1),
                Test("Mount(\"/var\")", TestOutcome.Passed, 0.01, method: "Mount", asserts: 1),
                Test("Later", TestOutcome.Skipped, 0, label: "Ignored", message: "not today"),
                Test("NoData", TestOutcome.Inconclusive, 0.01, message: "no data", className: "Acme.Net.Latency"),
            ]);
        var hang = new PluginResult("hang", ["/var/lib/nodemonitor/hang/Hang.dll"], PluginStatus.TimedOut,
            "killed after 30 s", "Acme.Hang.Sleeper.Forever", "sleeping...\n", Start, TimeSpan.FromSeconds(30), []);
        return new RunResult("20250304T050607.000Z-beef", "web1", Start, Start + TimeSpan.FromSeconds(31), [disk, hang]);
    }

    private static TestCaseResult Test(
        string name, TestOutcome outcome, double seconds, string? method = null, string className = "Acme.Disk.SpaceTests",
        string? label = null, string? message = null, string? stackTrace = null, string? output = null, int asserts = 0,
        string[]? categories = null, KeyValuePair<string, string>[]? properties = null) =>
        new("disk", "Disk.Checks.dll", $"{className}.{name}", className, method ?? name, outcome, label, null,
            Start + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds), message, stackTrace, output, asserts,
            categories ?? [], properties ?? []);
}
