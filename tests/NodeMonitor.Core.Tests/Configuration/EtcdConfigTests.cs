using NUnit.Framework;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Tests.Configuration;

public sealed class EtcdConfigTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void CertificateFilesAreRelativeToTheConfigFile()
    {
        _temp.Write("etc/pki/ca.pem", "ca");
        string file = _temp.Write("etc/nodemonitor.json",
            """{ "etcd": { "endpoints": ["https://127.0.0.1:2379"], "caFile": "pki/ca.pem" } }""");

        var config = ConfigLoader.Load(file, NoEnvironment);

        Assert.That(config.Etcd!.CaFile, Is.EqualTo(Path.Combine(_temp.Path, "etc", "pki", "ca.pem")));
    }

    [Test]
    public void AMissingCertificateFileIsAConfigurationErrorNamingTheKeyAndThePath()
    {
        string file = _temp.Write("nodemonitor.json",
            """{ "etcd": { "endpoints": ["https://127.0.0.1:2379"], "certFile": "client.pem", "keyFile": "client-key.pem" } }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.Describe(), Does.Contain("etcd.certFile").And.Contain(Path.Combine(_temp.Path, "client.pem")).And.Contain(file));
    }

    [Test]
    public void ACertificateFileFromTheEnvironmentIsRelativeToTheWorkingDirectory()
    {
        string ca = _temp.Write("ca.pem", "ca");
        string file = _temp.Write("nodemonitor.json", """{ "etcd": { "endpoints": ["https://127.0.0.1:2379"] } }""");
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _temp.Path;
        try
        {
            var config = ConfigLoader.Load(file, new Dictionary<string, string?> { ["NODEMONITOR_ETCD_CA_FILE"] = "ca.pem" });

            Assert.That(config.Etcd!.CaFile, Is.EqualTo(ca));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Test]
    public void UsernameWithoutPasswordIsRefused()
    {
        string file = _temp.Write("nodemonitor.json",
            """{ "etcd": { "endpoints": ["http://127.0.0.1:2379"], "username": "node-a" } }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, NoEnvironment))!;

        Assert.That(error.Describe(), Does.Contain("etcd.password").And.Contain("username and password go together"));
    }
}
