using System.Security.Cryptography;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Central;

/// <summary>What a person asks for (CLI, notify's API, the chat bot); <see cref="Create"/> checks it and makes the
/// <see cref="Silence"/> to store.</summary>
/// <param name="StartsAt">Null: now.</param>
/// <param name="Node">The node glob; may be left out when <see cref="Labels"/> names the nodes (then every node).</param>
public sealed record SilenceRequest(string? Node, string? Plugin, string? Test, DateTimeOffset? StartsAt, DateTimeOffset EndsAt,
    string? Author, string? Reason)
{
    public const int MaxGlobLength = 256;
    public const int MaxTextLength = 1000;

    /// <summary>Node label name → value glob; every one must match.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <exception cref="SilenceRejectedException">A required field is missing, a field is too long, the end is not after
    /// the start or in the past, or the silence is longer than <paramref name="maxDuration"/>.</exception>
    public Silence Create(DateTimeOffset now, TimeSpan maxDuration)
    {
        var labels = CheckedLabels();
        string node = labels.Count > 0 && string.IsNullOrWhiteSpace(Node) ? "*" : Required(Node, "node glob (or node label matchers)", MaxGlobLength);
        string reason = Required(Reason, "reason", MaxTextLength);
        string author = Required(Author, "author", MaxGlobLength);
        var start = StartsAt ?? now;
        if (EndsAt <= start) throw new SilenceRejectedException($"the end ({EndsAt:u}) must be after the start ({start:u})");
        if (EndsAt <= now) throw new SilenceRejectedException($"the end ({EndsAt:u}) is in the past");
        if (EndsAt - start > maxDuration)
            throw new SilenceRejectedException($"a silence may last at most {Describe(maxDuration)}; this one would last {Describe(EndsAt - start)}");
        return new Silence(NewId(), node, Optional(Plugin, "plugin glob"), Optional(Test, "test glob"), start, EndsAt, author, reason, now)
        {
            Labels = labels.Count > 0 ? labels : null,
        };
    }

    /// <summary>Parses <c>name=glob</c> (the CLI's and the chat bot's form).</summary>
    /// <exception cref="SilenceRejectedException">No '=' or no name.</exception>
    public static KeyValuePair<string, string> ParseLabel(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? throw new SilenceRejectedException($"a label matcher is name=glob, e.g. rack=r1*; found \"{text}\"")
            : new(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    private SortedDictionary<string, string> CheckedLabels()
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Labels is null) return labels;
        if (Labels.Count > NodeLabels.MaxLabels) throw new SilenceRejectedException($"{Labels.Count} label matchers; at most {NodeLabels.MaxLabels}");
        foreach (var (name, glob) in Labels)
        {
            if (NodeLabels.NameProblem(name) is { } problem) throw new SilenceRejectedException($"the label name \"{name}\" {problem}");
            labels[name] = Required(glob, $"value glob for the label {name}", MaxGlobLength);
        }
        return labels;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Required(string? value, string what, int max) =>
        string.IsNullOrWhiteSpace(value) ? throw new SilenceRejectedException($"a silence needs a {what}") : Limited(value.Trim(), what, max);

    private static string? Optional(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() == "*" ? null : Limited(value.Trim(), what, MaxGlobLength);

    private static string Limited(string value, string what, int max) =>
        value.Length > max ? throw new SilenceRejectedException($"the {what} is longer than {max} characters")
        : value.Any(char.IsControl) ? throw new SilenceRejectedException($"the {what} contains a control character")
        : value;

    private static string Describe(TimeSpan t) => t.TotalDays >= 1 ? $"{t.TotalDays:0.##} days" : $"{t.TotalHours:0.##} hours";
}

/// <summary>A silence request that cannot be stored; the message says why, for a person.</summary>
public sealed class SilenceRejectedException(string message) : Exception(message);
