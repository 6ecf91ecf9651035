namespace NodeMonitor.Checks;

/// <summary>
/// Something on the node a check asserts on (a file, a service, a port...), serverspec style:
/// <c>Assert.That(Resource.File("/etc/passwd"), Its.Present.And.Mode("0644").And.Owner("root"))</c>.
/// A resource reads the node lazily, once per instance, so several constraints on one instance
/// cost one read. <see cref="Resource"/> makes them.
/// </summary>
public abstract class NodeResource
{
    /// <summary>How failure messages name this resource, e.g. "file /etc/passwd".</summary>
    public abstract string Description { get; }

    /// <summary>The finding for <paramref name="fact"/>, or null when the fact does not apply to this kind of resource.</summary>
    internal abstract Finding? Observe(Fact fact, string? key);

    public override string ToString() => Description;
}
