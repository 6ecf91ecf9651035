using System.Globalization;

namespace NodeMonitor.Checks;

/// <summary>
/// What a resource found for one fact: a value, or why there is none ("no such file").
/// <see cref="Shown"/> is the text failure messages print after "found".
/// </summary>
internal sealed record Finding(bool Known, object? Value, string Shown)
{
    public static Finding Of(object? value, string? shown = null) => new(true, value, shown ?? Show(value));

    public static Finding Absent(string why) => new(false, null, why);

    /// <summary>A yes/no fact; <paramref name="shown"/> explains what was found either way.</summary>
    public static Finding State(bool holds, string shown) => new(true, holds, shown);

    private static string Show(object? value) => value switch
    {
        null => "nothing",
        string text => text.Length > 200 ? $"\"{text[..200]}…\"" : $"\"{text}\"",
        IEnumerable<string> items => items.Any() ? "[" + string.Join(", ", items) + "]" : "none",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
