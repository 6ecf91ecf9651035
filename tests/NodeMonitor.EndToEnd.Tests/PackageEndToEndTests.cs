using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// build/package-e2e.sh: a clean Debian 12 root, a real etcd and Swift on loopback, the package installed, a configuration
/// and a failing plugin dropped in, the timer's run; the failure must arrive as <c>failures/&lt;node&gt;</c> in etcd with a
/// link that downloads the bundle. The script holds the loopback-server lock while its servers run.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class PackageEndToEndTests
{
    [Test]
    public void AFailingCheckOnAFreshNodeReachesEtcdWithALinkToItsBundle()
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root: chroot into a Debian root");
        string deb = DebianPackage.Current();

        var e2e = ChildProcess.Run(Path.Combine(Repo.Root, "build", "package-e2e.sh"), [deb], Repo.Root,
            new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1" }, TimeSpan.FromMinutes(15));

        Assert.That(e2e.ExitCode, Is.EqualTo(0), e2e.ToString());
        Assert.That(e2e.Stdout, Does.Contain("failure key: /nodemonitor/failures/package-e2e").And.Contain("(HTTP 200,"), e2e.ToString());
        string figure = e2e.Stdout.Split('\n').Single(l => l.StartsWith("install to failure key:", StringComparison.Ordinal));
        TestContext.Out.WriteLine(figure);
    }
}
