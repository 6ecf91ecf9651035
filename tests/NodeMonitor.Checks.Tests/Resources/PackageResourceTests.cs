namespace NodeMonitor.Checks.Tests.Resources;

[Category("Integration")]
public sealed class PackageResourceTests
{
    [Test]
    public void Dpkg_itself_is_installed_with_the_version_dpkg_reports()
    {
        using var query = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dpkg-query", ["-W", "-f=${Version}", "dpkg"]) { RedirectStandardOutput = true })!;
        var version = query.StandardOutput.ReadToEnd();
        query.WaitForExit();

        Assert.That(Resource.Package("dpkg"), Its.Installed.And.Version(version));
    }

    [Test]
    public void A_package_that_is_not_installed_says_so()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.Package("no-such-package-xyz"), Its.Installed));

        Assert.That(failure!.Message, Does.Contain("package no-such-package-xyz: expected installed, found not installed"));
    }

    [Test]
    public void Removed_and_config_only_packages_are_not_installed_but_architecture_qualified_names_are()
    {
        var status = Path.GetTempFileName();
        File.WriteAllText(status, """
            Package: gone
            Status: deinstall ok config-files
            Version: 1.0

            Package: libthing
            Status: install ok installed
            Architecture: amd64
            Version: 2:3.4-1
            """);
        try
        {
            Assert.That(Resource.Package("gone", status), Its.Not.Installed);
            Assert.That(Resource.Package("libthing:amd64", status), Its.Installed.And.Version(Does.StartWith("2:3.4")));
        }
        finally
        {
            File.Delete(status);
        }
    }

    [Test]
    public void A_node_without_dpkg_gets_a_clear_failure()
    {
        var failure = Assert.Throws<AssertionException>(() => Assert.That(Resource.Package("dpkg", "/nonexistent/status"), Its.Installed));

        Assert.That(failure!.Message, Does.Contain("no dpkg database at /nonexistent/status"));
    }
}
