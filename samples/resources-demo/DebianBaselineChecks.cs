using NodeMonitor.Checks;
using NUnit.Framework;

namespace NodeMonitor.Samples.ResourcesDemo;

/// <summary>
/// What a plain Debian node has, written with NodeMonitor.Checks resources: each test is one
/// serverspec-style assertion whose failure says what was expected and what was found.
/// </summary>
[TestFixture]
public sealed class DebianBaselineChecks
{
    [Test]
    public void PasswdIsWorldReadableAndOwnedByRoot() =>
        Assert.That(Resource.File("/etc/passwd"), Its.Present.And.Mode("0644").And.Owner("root").And.Group("root"));

    [Test]
    public void ShadowIsNotWorldReadable() =>
        Assert.That(Resource.File("/etc/shadow"), Its.Present.And.Not.Mode("0644").And.Not.Mode("0666"));

    [Test]
    public void TmpIsADirectory() => Assert.That(Resource.Directory("/tmp"), Its.Present.And.Owner("root"));

    [Test]
    public void RootIsTheSuperuser() => Assert.That(Resource.User("root"), Its.Uid(0).And.Home("/root"));

    [Test]
    public void DpkgIsInstalled() => Assert.That(Resource.Package("dpkg"), Its.Installed);

    [Test]
    public void RootFilesystemHasFreeSpace() => Assert.That(Resource.Mount("/"), Its.Present.And.FreePercent(Is.GreaterThan(5)));

    [Test]
    public void LoopbackIsUp() => Assert.That(Resource.Interface("lo"), Its.Up.And.Address("127.0.0.1"));

    [Test]
    public void LocalhostResolvesToLoopback() => Assert.That(Resource.Dns("localhost"), Its.Resolvable.And.Address("127.0.0.1"));

    [Test]
    public void KernelIsLinux() => Assert.That(Resource.KernelParameter("kernel.ostype"), Its.Value("Linux"));

    [Test]
    public void ShellRuns() => Assert.That(Resource.Command("/bin/sh -c 'echo ok'", TimeSpan.FromSeconds(5)), Its.ExitCode(0).And.Stdout(Does.StartWith("ok")));
}
