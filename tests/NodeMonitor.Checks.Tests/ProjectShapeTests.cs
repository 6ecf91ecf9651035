namespace NodeMonitor.Checks.Tests;

public sealed class ProjectShapeTests
{
    [Test]
    public void The_checks_package_references_no_other_NodeMonitor_assembly()
    {
        var references = typeof(Resource).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.That(references, Has.None.StartsWith("NodeMonitor."));
    }
}
