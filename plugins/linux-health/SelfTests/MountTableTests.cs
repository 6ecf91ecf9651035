using NodeMonitor.Plugins.LinuxHealth.Parsing;
using NUnit.Framework;

namespace NodeMonitor.Plugins.LinuxHealth.SelfTests;

[TestFixture]
[Category("self-test")]
public sealed class MountTableTests
{
    [Test]
    public void EachLineBecomesAnEntryWithDeviceMountPointTypeAndOptions()
    {
        var entries = MountTable.Parse(
            "proc /proc proc rw,relatime 0 0\n" +
            "/dev/vda1 / ext4 rw,relatime,discard 0 0\n");

        Assert.That(entries, Is.EqualTo(new[]
        {
            new MountEntry("proc", "/proc", "proc", "rw,relatime"),
            new MountEntry("/dev/vda1", "/", "ext4", "rw,relatime,discard"),
        }));
    }

    [Test]
    public void OctalEscapesInPathsAreDecoded()
    {
        var entries = MountTable.Parse(@"/dev/sdb1 /media/usb\040stick vfat rw 0 0" + "\n");

        Assert.That(entries.Single().MountPoint, Is.EqualTo("/media/usb stick"));
    }

    [TestCase(@"a\011b", "a\tb")]
    [TestCase(@"a\134b", @"a\b")]
    [TestCase(@"a\012b", "a\nb")]
    [TestCase(@"trailing\04", @"trailing\04")]
    [TestCase(@"not\999octal", @"not\999octal")]
    public void UnescapeDecodesOnlyCompleteOctalEscapes(string field, string expected)
    {
        Assert.That(MountTable.Unescape(field), Is.EqualTo(expected));
    }

    [Test]
    public void ShortAndBlankLinesAreSkipped()
    {
        Assert.That(MountTable.Parse("\nbroken line\n/dev/sda1 / ext4 rw 0 0\n"), Has.Count.EqualTo(1));
    }
}
