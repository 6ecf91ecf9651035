namespace NodeMonitor.Checks;

/// <summary>
/// A shell command, run once (by /bin/sh -c) when first asserted on: exit code, stdout, stderr, duration.
/// Past its time limit (default 60 s) the command's whole process tree is killed.
/// </summary>
public sealed class CommandResource : NodeResource
{
    private readonly string _command;
    private readonly TimeSpan _timeLimit;
    private readonly Lazy<CommandOutcome> _outcome;

    internal CommandResource(string command, TimeSpan? timeLimit)
    {
        _command = command;
        _timeLimit = timeLimit ?? TimeSpan.FromSeconds(60);
        _outcome = new Lazy<CommandOutcome>(() => CommandRunner.Run("/bin/sh", ["-c", command], _timeLimit));
    }

    public override string Description => $"command `{_command}`";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.ExitCode or Fact.Stdout or Fact.Stderr or Fact.Duration))
        {
            return null;
        }

        var outcome = _outcome.Value;
        if (outcome.StartFailure is not null)
        {
            return Finding.Absent(outcome.StartFailure);
        }

        if (outcome.TimedOut)
        {
            return Finding.Absent($"killed after its time limit of {_timeLimit.TotalSeconds:0.###} s");
        }

        return fact switch
        {
            Fact.ExitCode => Finding.Of(outcome.ExitCode),
            Fact.Stdout => Finding.Of(outcome.Stdout),
            Fact.Stderr => Finding.Of(outcome.Stderr),
            _ => Finding.Of(outcome.Duration, $"{outcome.Duration.TotalSeconds:0.###} s"),
        };
    }
}
