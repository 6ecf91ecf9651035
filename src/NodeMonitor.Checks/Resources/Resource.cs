namespace NodeMonitor.Checks;

/// <summary>
/// Something on the node a check asserts on (a file, a service, a port...), serverspec style:
/// <c>Assert.That(Resource.File("/etc/passwd"), Its.Present.And.Mode("0644"))</c>.
/// </summary>
public abstract class Resource
{
    /// <summary>How failure messages name this resource, e.g. "file /etc/passwd".</summary>
    public abstract string Description { get; }

    public override string ToString() => Description;
}
