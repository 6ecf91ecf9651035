using System.Collections;
using NodeMonitor.Execution.Containment;

namespace NodeMonitor.Execution.Tests.Containment;

public sealed class ChildEnvironmentTests
{
    private static readonly ChildAccount Account = new("nobody", 65534, 65534, "/nonexistent");

    private static readonly Hashtable Supervisor = new()
    {
        ["PATH"] = "/opt/bin:/usr/bin", ["LANG"] = "de_DE.UTF-8", ["LC_TIME"] = "C", ["TZ"] = "UTC",
        ["DOTNET_ROOT"] = "/usr/share/dotnet", ["HOME"] = "/root", ["SSH_AUTH_SOCK"] = "/tmp/agent",
        ["NODEMONITOR_SWIFT_KEY"] = "k", ["NODEMONITOR_ETCD_PASSWORD"] = "p", ["NODEMONITOR_SERVE_TOKEN"] = "t",
        ["NODEMONITOR_CONFIG"] = "/etc/nodemonitor/nodemonitor.json", ["AWS_SECRET_ACCESS_KEY"] = "aws",
    };

    private static Dictionary<string, string> Build(IReadOnlyDictionary<string, string>? plugin = null) =>
        ChildEnvironment.Build(Account, "web-17", "disk", plugin ?? new Dictionary<string, string>(), "mark1", Supervisor);

    [Test]
    public void OnlyTheDocumentedBaseIsInherited()
    {
        var env = Build();
        Assert.That(env.Keys, Is.EquivalentTo(new[]
        {
            "PATH", "LANG", "LC_TIME", "TZ", "DOTNET_ROOT", "HOME", "USER", "LOGNAME",
            "NODEMONITOR_NODE", "NODEMONITOR_PLUGIN", ChildEnvironment.MarkVariable,
            // added as the test host of `dotnet test` gets it
            $"DOTNET_ROOT_{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToUpperInvariant()}",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(env["PATH"], Is.EqualTo("/opt/bin:/usr/bin"));
            Assert.That(env["HOME"], Is.EqualTo("/nonexistent"), "the home of the account the plugin runs as");
            Assert.That(env["USER"], Is.EqualTo("nobody"));
            Assert.That(env["NODEMONITOR_NODE"], Is.EqualTo("web-17"));
            Assert.That(env["NODEMONITOR_PLUGIN"], Is.EqualTo("disk"));
            Assert.That(env[ChildEnvironment.MarkVariable], Is.EqualTo("mark1"));
        });
    }

    [Test]
    public void ThePluginsEnvironmentComesOnTopButNeverASecretOrTheMark()
    {
        var env = Build(new Dictionary<string, string>
        {
            ["DISK_WARN"] = "80", ["PATH"] = "/plugin/bin", ["NODEMONITOR_SWIFT_TEMP_URL_KEY"] = "x",
            [ChildEnvironment.MarkVariable] = "forged",
        });
        Assert.Multiple(() =>
        {
            Assert.That(env["DISK_WARN"], Is.EqualTo("80"));
            Assert.That(env["PATH"], Is.EqualTo("/plugin/bin"));
            Assert.That(env, Does.Not.ContainKey("NODEMONITOR_SWIFT_TEMP_URL_KEY"));
            Assert.That(env[ChildEnvironment.MarkVariable], Is.EqualTo("mark1"));
        });
    }

    [Test]
    public void WithoutAPathTheStandardOneIsSet() =>
        Assert.That(ChildEnvironment.Build(Account, null, "disk", new Dictionary<string, string>(), "m", new Hashtable())["PATH"],
            Is.EqualTo(ChildEnvironment.DefaultPath));
}
