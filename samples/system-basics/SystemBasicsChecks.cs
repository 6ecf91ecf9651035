using System.Globalization;
using System.Net;
using NUnit.Framework;

namespace NodeMonitor.Samples.SystemBasics;

/// <summary>
/// Quick checks that every healthy Linux node passes. Each one is a plain NUnit test:
/// a failure here means the node is missing something the rest of the monitoring relies on.
/// </summary>
[TestFixture]
public sealed class SystemBasicsChecks
{
    [Test]
    public void ProcIsMounted()
    {
        // /proc/self/stat exists only when procfs is really mounted, not just as an empty directory.
        Assert.That(File.Exists("/proc/self/stat"), Is.True,
            "/proc/self/stat is missing: procfs is not mounted on /proc");
    }

    [Test]
    [CancelAfter(5000)]
    public async Task HostnameResolves(CancellationToken cancellationToken)
    {
        var hostname = Dns.GetHostName();

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(hostname, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Assert.Fail($"hostname '{hostname}' does not resolve: {e.Message} (add it to /etc/hosts or DNS)");
            return;
        }

        Assert.That(addresses, Is.Not.Empty, $"hostname '{hostname}' resolved to no address");
    }

    [Test]
    public void RootFilesystemIsReadable()
    {
        var entries = Directory.EnumerateFileSystemEntries("/").ToList();

        Assert.That(entries, Does.Contain("/etc"), "listing / did not show /etc");
        Assert.That(File.ReadAllText("/etc/passwd"), Does.StartWith("root:").Or.Contain("\nroot:"),
            "/etc/passwd could be read but has no root entry");
    }

    [Test]
    public void AtLeastOneCpuIsOnline()
    {
        // The kernel's own list ("0-3", "0,2-5"), not Environment.ProcessorCount, which a cgroup limit can lower.
        var online = File.ReadAllText("/sys/devices/system/cpu/online").Trim();

        Assert.That(online, Is.Not.Empty.And.Match(@"^[0-9]"),
            $"/sys/devices/system/cpu/online lists no CPU: '{online}'");
    }

    [Test]
    public void UptimeIsReadable()
    {
        var text = File.ReadAllText("/proc/uptime");
        var firstField = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

        Assert.That(double.TryParse(firstField, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds),
            Is.True, $"/proc/uptime does not start with a number: '{text.Trim()}'");
        Assert.That(seconds, Is.GreaterThan(0), "/proc/uptime reports zero seconds of uptime");
        TestContext.Out.WriteLine($"up {TimeSpan.FromSeconds(seconds):d\\.hh\\:mm\\:ss}");
    }
}
