using NodeMonitor.Core.Results;

namespace NodeMonitor.Cli.Output;

/// <summary>What a line says about the checks, shown as a colour on a terminal.</summary>
internal enum Tone
{
    Failure,
    Warning,
    Success,
}

/// <summary>
/// Colour for verdict lines: failing red, warning yellow, passing green. Only on a terminal: never when the stream is
/// redirected (cron, pipes, files, tests), when NO_COLOR is set to anything (no-color.org) or when TERM is "dumb".
/// The colour codes are NodeMonitor's own and go around the text, which stays escaped (<see cref="TerminalSafeWriter"/>).
/// </summary>
internal static class Colour
{
    private static TerminalSafeWriter? _stdout;
    private static TerminalSafeWriter? _stderr;

    public static bool Wanted(bool redirected, Func<string, string?> environment) =>
        !redirected && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") != "dumb";

    /// <summary>Makes <paramref name="stdout"/> and <paramref name="stderr"/> the process's Console.Out and Console.Error.</summary>
    public static void Install(TerminalSafeWriter stdout, TerminalSafeWriter stderr)
    {
        Console.SetOut(stdout);
        Console.SetError(stderr);
        // Console wraps them in a synchronized writer: remember ours to recognise Console.Out and Console.Error.
        (_stdout, _stderr) = (stdout, stderr);
    }

    public static void WriteLine(TextWriter output, string line, Tone? tone)
    {
        var terminal = output as TerminalSafeWriter
                       ?? (ReferenceEquals(output, Console.Out) ? _stdout : ReferenceEquals(output, Console.Error) ? _stderr : null);
        if (tone is { } t && terminal is { UsesColour: true }) terminal.WriteLineIn(Code(t), line);
        else output.WriteLine(line);
    }

    public static Tone? Of(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Failed => Tone.Failure,
        TestOutcome.Warning => Tone.Warning,
        TestOutcome.Passed => Tone.Success,
        _ => null,
    };

    public static Tone Of(PluginResult plugin) => plugin.Errored || !plugin.Succeeded ? Tone.Failure
        : plugin.Counts.Warnings > 0 ? Tone.Warning : Tone.Success;

    private static string Code(Tone tone) => tone switch
    {
        Tone.Failure => "\u001b[31m",
        Tone.Warning => "\u001b[33m",
        _ => "\u001b[32m",
    };
}
