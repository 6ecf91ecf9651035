using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>A yes/no fact such as "running" or "listening"; succeeds when the resource finds it true.</summary>
internal sealed class StateConstraint(Fact fact, string expected) : ResourceConstraint(fact, null)
{
    public override string Description => expected;

    protected override ConstraintResult Judge(NodeResource resource, Finding finding) =>
        new ResourceConstraintResult(this, resource, finding.Known && finding.Value is true, resource.Description, finding.Shown);
}
