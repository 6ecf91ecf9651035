using NUnit.Framework.Constraints;

namespace NodeMonitor.Checks;

/// <summary>Asks a resource for one fact and judges the finding; the base of every constraint <see cref="Its"/> makes.</summary>
internal abstract class ResourceConstraint(Fact fact, string? key) : Constraint
{
    public sealed override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        if (actual is not NodeResource resource)
        {
            return new ResourceConstraintResult(this, actual, false, "value", $"{actual?.GetType().Name ?? "null"}, not a NodeMonitor resource (use Resource.File(...) and the like)");
        }

        var finding = resource.Observe(fact, key);
        if (finding is null)
        {
            return new ResourceConstraintResult(this, actual, false, resource.Description, $"that {Description} does not apply to a {resource.GetType().Name.Replace("Resource", "").ToLowerInvariant()} resource");
        }

        return Judge(resource, finding);
    }

    protected abstract ConstraintResult Judge(NodeResource resource, Finding finding);
}
