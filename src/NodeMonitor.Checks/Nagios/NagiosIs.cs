using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>Constraints on a <see cref="NagiosCheckResult"/>: <c>Assert.That(Nagios.Check("..."), NagiosIs.Ok)</c>.</summary>
public static class NagiosIs
{
    public static Constraint Ok => new NagiosStateConstraint(NagiosState.Ok);

    public static Constraint Warning => new NagiosStateConstraint(NagiosState.Warning);

    public static Constraint Critical => new NagiosStateConstraint(NagiosState.Critical);

    public static Constraint Unknown => new NagiosStateConstraint(NagiosState.Unknown);

    /// <summary>OK or WARNING: what a Nagios server would not page for.</summary>
    public static Constraint NotCritical => new NagiosStateConstraint(NagiosState.Ok, NagiosState.Warning);

    private sealed class NagiosStateConstraint(params NagiosState[] states) : Constraint
    {
        public override string Description => string.Join(" or ", states.Select(s => s.ToString().ToUpperInvariant()));

        public override ConstraintResult ApplyTo<TActual>(TActual actual)
        {
            if (actual is not NagiosCheckResult result)
                throw new ArgumentException($"expected a {nameof(NagiosCheckResult)}, found {actual?.GetType().Name ?? "null"}", nameof(actual));
            return new NagiosConstraintResult(this, result, states.Contains(result.State));
        }
    }

    private sealed class NagiosConstraintResult(IConstraint constraint, NagiosCheckResult result, bool success)
        : ConstraintResult(constraint, result, success)
    {
        public override void WriteActualValueTo(MessageWriter writer)
        {
            writer.Write(result.ToString());
            if (result.LongOutput.Length > 0) writer.Write("\n" + result.LongOutput.TrimEnd());
        }
    }
}
