namespace NodeMonitor.Checks;

/// <summary>An environment variable of the check's own process (as the node's runner sets it): present, value.</summary>
public sealed class EnvironmentVariableResource(string name) : NodeResource
{
    public override string Description => $"environment variable {name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return fact switch
        {
            Fact.Present => Finding.State(value is not null, value is null ? "not set" : "set"),
            Fact.Value => value is null ? Finding.Absent("not set") : Finding.Of(value),
            _ => null,
        };
    }
}
