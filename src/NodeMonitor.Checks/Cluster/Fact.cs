using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework.Internal;

namespace NodeMonitor.Checks.Cluster;

/// <summary>
/// Publishes a fact about this node for cluster plugins (<c>ClusterView</c>): e.g. which database role it holds or how
/// far its clock is off. Under <c>nodemonitor run</c> the fact becomes a property of the running test and travels in the
/// node's heartbeat, written only when a fact changes (or the heartbeat is due). A node keeps at most 64 facts, 16 KiB
/// together. Anywhere else (<c>dotnet test</c> at a desk, CI) nothing is published and <see cref="Publish"/> says so.
/// </summary>
/// <example><code>Fact.Publish("postgres.role", isPrimary ? "primary" : "replica");</code></example>
public static partial class Fact
{
    /// <summary>The test property carrying one fact as JSON (read by NodeMonitor.Core.Results.PublishedFacts).</summary>
    public const string PropertyName = "nodemonitor.fact";

    public const int MaxValueLength = 1024;

    /// <summary>Set in every plugin process <c>nodemonitor run</c> starts.</summary>
    private const string RunMarkVariable = "NODEMONITOR_WORKER_MARK";

    /// <summary>True when facts published now reach the node's heartbeat (inside a test under <c>nodemonitor run</c>).</summary>
    public static bool IsPublishing =>
        Environment.GetEnvironmentVariable(RunMarkVariable) is { Length: > 0 } && TestExecutionContext.CurrentContext?.CurrentTest is not null;

    /// <summary>Publishes <paramref name="value"/> under <paramref name="name"/>; the last value of a name in a run wins.</summary>
    /// <returns>True when the fact will be published; false at a desk or outside a test, where nothing happens.</returns>
    /// <exception cref="ArgumentException">The name is not 1 to 63 letters, digits, '_', '-', '.', '/' starting with a letter
    /// or digit, or the value is longer than <see cref="MaxValueLength"/> or holds a control character.</exception>
    public static bool Publish(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"a fact name is 1 to 63 letters, digits, '_', '-', '.', '/' starting with a letter or digit: \"{name}\"", nameof(name));
        if (value.Length > MaxValueLength || value.Any(char.IsControl))
            throw new ArgumentException($"a fact value is at most {MaxValueLength} characters without control characters", nameof(value));
        if (!IsPublishing) return false;
        TestExecutionContext.CurrentContext.CurrentTest.Properties.Add(PropertyName,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = name, ["value"] = value }));
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_./-]{0,62}$")]
    private static partial Regex NamePattern();
}
