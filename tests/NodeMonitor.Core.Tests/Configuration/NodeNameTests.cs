using NUnit.Framework;
using NodeMonitor.Central;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Reporting.Central;

namespace NodeMonitor.Core.Tests.Configuration;

public sealed class NodeNameTests
{
    private TempFolder _temp = null!;

    [SetUp] public void CreateFolder() => _temp = new TempFolder();
    [TearDown] public void DeleteFolder() => _temp.Dispose();

    [TestCase("web-17")]
    [TestCase("web17.dc1.example.com")]
    [TestCase("node_3")]
    [TestCase("A")]
    [TestCase("9lives")]
    public void ADnsStyleNameIsValid(string name) => Assert.That(NodeName.Problem(name), Is.Null);

    [TestCase("", "is empty")]
    [TestCase("../victim", "starts with '.'")]
    [TestCase("a/../../victim", "contains \"..\"")]
    [TestCase("a/b", "contains '/'")]
    [TestCase("-flag", "starts with '-'")]
    [TestCase(".hidden", "starts with '.'")]
    [TestCase("web..17", "contains \"..\"")]
    [TestCase("web 17", "contains the character U+0020")]
    [TestCase("web\n17", "contains the character U+000A")]
    [TestCase("wéb", "contains the character U+00E9")]
    [TestCase("a%2Fb", "contains the character U+0025")]
    public void ANameThatCouldLeaveItsKeyOrFolderIsRefused(string name, string problem) =>
        Assert.That(NodeName.Problem(name), Is.EqualTo(problem));

    [Test]
    public void TheLimitIs253Characters()
    {
        Assert.That(NodeName.Problem(new string('a', 253)), Is.Null);
        Assert.That(NodeName.Problem(new string('a', 254)), Is.EqualTo("is 254 characters long"));
    }

    [Test]
    public void ABadNodeInTheFileIsAConfigurationErrorQuotingTheValue()
    {
        string file = _temp.Write("nodemonitor.json", """{ "node": "../victim" }""");

        var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file, new Dictionary<string, string?>()))!;

        Assert.That(error.Describe(), Does.StartWith($"{file}:1:11: 'node': invalid node name \"../victim\""));
    }

    [Test]
    public void ABadNodeInTheEnvironmentNamesTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ConfigLoader.Load(_temp.Write("empty.json", "{}"), new Dictionary<string, string?> { ["NODEMONITOR_NODE"] = "a/b" }))!;

        Assert.That(error.Describe(), Does.StartWith("environment: 'NODEMONITOR_NODE': invalid node name \"a/b\": it contains '/'"));
    }

    [Test]
    public void KeysAndObjectNamesAreNeverBuiltFromAnUnsafeNode()
    {
        var etcd = new EtcdSettings(["http://127.0.0.1:2379"]);
        var bundle = new FailureBundle("../victim", "20260301T120000.000Z-ab12", new Dictionary<string, string>());

        Assert.That(etcd.FailureKey("web-17"), Is.EqualTo("/nodemonitor/failures/web-17"));
        Assert.Throws<ArgumentException>(() => etcd.FailureKey("../victim"));
        Assert.Throws<ArgumentException>(() => etcd.NodeKey("a/b"));
        Assert.Throws<ArgumentException>(() => _ = bundle.Folder);
        Assert.Throws<ArgumentException>(() => _ = (bundle with { Node = "web-17", RunId = "../x" }).Folder);
    }
}
