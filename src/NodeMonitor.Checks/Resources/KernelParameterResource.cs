namespace NodeMonitor.Checks;

/// <summary>A kernel parameter as sysctl names it ("net.ipv4.ip_forward"), read from /proc/sys: present, value.</summary>
public sealed class KernelParameterResource(string name) : NodeResource
{
    public override string Description => $"kernel parameter {name}";

    internal override Finding? Observe(Fact fact, string? key)
    {
        if (fact is not (Fact.Present or Fact.Value))
        {
            return null;
        }

        var path = "/proc/sys/" + name.Replace('.', '/');
        string? value = null;
        try
        {
            // sysctl separates multi-value parameters with tabs; compare them with single spaces.
            value = string.Join(' ', File.ReadAllText(path).Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is UnauthorizedAccessException ? $"{path} is not readable" : $"no {path}";
            return fact == Fact.Present ? Finding.State(false, why) : Finding.Absent(why);
        }

        return fact == Fact.Present ? Finding.State(true, $"value {value}") : Finding.Of(value, value);
    }
}
