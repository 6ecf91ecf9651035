using System.Text.RegularExpressions;
using NodeMonitor.EndToEnd.Tests.Support;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>The project's identity is the same wherever it is stated: the licence file, the Debian package's
/// copyright, control and changelog, and the NuGet packages' metadata. No placeholder address.</summary>
public sealed partial class PackageMetadataTests
{
    private static string Read(string relative) => File.ReadAllText(Path.Combine(Repo.Root, relative));

    [Test]
    public void TheLicenceIsMitEverywhere()
    {
        Assert.That(Read("LICENSE"), Does.StartWith("MIT License").And.Contain("Copyright (c) 2026 NodeMonitor developers"));
        Assert.That(Read("Directory.Build.props"), Does.Contain("<PackageLicenseExpression>MIT</PackageLicenseExpression>"));
        string copyright = Read("build/debian/copyright");
        Assert.That(Regex.Match(copyright, @"^Files: \*\nCopyright: (.*)\nLicense: (\S+)", RegexOptions.Multiline).Groups.Values.Skip(1).Select(g => g.Value),
            Is.EqualTo(new[] { "2026 NodeMonitor developers", "Expat" }), "Debian calls the MIT licence Expat");
    }

    [Test]
    public void TheMaintainerAndHomepageAgreeAndAreNoPlaceholders()
    {
        string control = Read("build/debian/control");
        string maintainer = Field().Match(control[control.IndexOf("Maintainer:", StringComparison.Ordinal)..]).Groups[1].Value;
        string homepage = Field().Match(control[control.IndexOf("Homepage:", StringComparison.Ordinal)..]).Groups[1].Value;

        Assert.That(maintainer, Does.Match(@"^NodeMonitor developers <[^@\s]+@[^@\s]+>$"));
        Assert.That(maintainer + homepage, Does.Not.Contain("example."), "a placeholder domain");
        Assert.That(Read("build/debian/changelog"), Does.Contain($" -- {maintainer}  "));
        Assert.That(Read("build/debian/copyright"), Does.Contain($"Upstream-Contact: {maintainer}").And.Contain($"Source: {homepage}"));
        Assert.That(Read("Directory.Build.props"), Does.Contain($"<PackageProjectUrl>{homepage}</PackageProjectUrl>"));
    }

    [GeneratedRegex(@"^\w[\w-]*: (.*)$", RegexOptions.Multiline)]
    private static partial Regex Field();
}
