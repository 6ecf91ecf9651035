using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>
/// A valued fact (mode, version, status...) judged by an ordinary NUnit constraint, so authors can
/// write <c>Its.Version(Does.StartWith("2."))</c> as well as <c>Its.Version("2.0-1")</c>.
/// </summary>
internal sealed class ValueConstraint(Fact fact, string name, IResolveConstraint expected, string? key = null, string? expectedText = null)
    : ResourceConstraint(fact, key)
{
    private readonly IConstraint _expected = expected.Resolve();

    public override string Description => expectedText ?? $"{name} {_expected.Description}";

    protected override ConstraintResult Judge(NodeResource resource, Finding finding)
    {
        var found = finding.Known ? $"{name} {finding.Shown}" : finding.Shown;
        var success = finding.Known && _expected.ApplyTo(finding.Value).IsSuccess;
        return new ResourceConstraintResult(this, resource, success, resource.Description, found);
    }
}
