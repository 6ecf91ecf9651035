namespace NodeMonitor.Plugins.LinuxHealth.Judging;

/// <summary>Which side of a limit is bad: disk use is bad above, free memory below.</summary>
public enum LimitDirection
{
    Above,
    Below,
}

public enum Severity
{
    Ok,
    Warning,
    Critical,
}

/// <summary>One threshold and the variable that sets it, so a message can say where it came from.</summary>
public sealed record Limit(double Value, string Variable);

/// <summary>The outcome of comparing one measurement with its limits, with the message to report.</summary>
public sealed record Judgement(Severity Severity, string Message);

/// <summary>A warning and a critical threshold for one kind of measurement.</summary>
public sealed class Limits
{
    private readonly LimitDirection direction;
    private readonly Func<double, string> format;

    public Limits(LimitDirection direction, Limit warning, Limit critical, Func<double, string> format)
    {
        var inverted = direction == LimitDirection.Above ? warning.Value > critical.Value : warning.Value < critical.Value;
        if (inverted)
            throw new InvalidSettingException(
                $"{warning.Variable} ({format(warning.Value)}) must not be {Word(direction)} {critical.Variable} ({format(critical.Value)})");

        this.direction = direction;
        this.format = format;
        Warning = warning;
        Critical = critical;
    }

    public Limit Warning { get; }

    public Limit Critical { get; }

    /// <summary>Reads both thresholds from settings, each falling back to its documented default.</summary>
    public static Limits Read(
        Settings settings,
        LimitDirection direction,
        SettingDefinition warning,
        SettingDefinition critical,
        Func<double, string> format) =>
        new(direction,
            new Limit(settings.Number(warning), warning.Variable),
            new Limit(settings.Number(critical), critical.Variable),
            format);

    /// <summary>
    /// <paramref name="measurement"/> says what was measured ("/var: 93.2% used"); the judgement
    /// appends the limit crossed and its variable.
    /// </summary>
    public Judgement Judge(string measurement, double value)
    {
        if (Crosses(value, Critical))
            return new(Severity.Critical, $"{measurement}, critical {Word(direction)} {format(Critical.Value)} ({Critical.Variable})");
        if (Crosses(value, Warning))
            return new(Severity.Warning, $"{measurement}, warning {Word(direction)} {format(Warning.Value)} ({Warning.Variable})");
        return new(Severity.Ok,
            $"{measurement}, within limits (warning {Word(direction)} {format(Warning.Value)}, critical {Word(direction)} {format(Critical.Value)})");
    }

    private bool Crosses(double value, Limit limit) =>
        direction == LimitDirection.Above ? value > limit.Value : value < limit.Value;

    private static string Word(LimitDirection direction) => direction == LimitDirection.Above ? "above" : "below";
}
