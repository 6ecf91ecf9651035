using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>
/// Writes "file /etc/x: expected mode 0644, found mode 0600" on its own, and
/// "file /etc/x: mode 0600" as the "But was" line when combined with And/Or.
/// </summary>
internal sealed class ResourceConstraintResult(IConstraint constraint, object? actual, bool isSuccess, string subject, string found)
    : ConstraintResult(constraint, actual, isSuccess)
{
    public override void WriteMessageTo(MessageWriter writer) =>
        writer.WriteLine($"{subject}: expected {Description}, found {found}");

    public override void WriteActualValueTo(MessageWriter writer) => writer.Write($"{subject}: {found}");
}
