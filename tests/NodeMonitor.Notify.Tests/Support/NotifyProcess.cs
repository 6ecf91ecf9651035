using System.Diagnostics;

namespace NodeMonitor.Notify.Tests.Support;

/// <summary>The published <c>nodemonitor notify</c> (artifacts/bin, from build/build.sh) as a child process.</summary>
public static class NotifyProcess
{
    public static Process Start(string config)
    {
        string cli = Path.Combine(RealEtcd.Root, "artifacts", "bin", "nodemonitor");
        if (!File.Exists(cli)) Assert.Fail($"{cli} is missing: run build/build.sh first");
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "notify", "--config", config }) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("NODEMONITOR_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(key);
        return Process.Start(start)!;
    }
}
