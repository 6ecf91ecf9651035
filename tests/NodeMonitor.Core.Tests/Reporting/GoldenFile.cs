using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace NodeMonitor.Core.Tests.Reporting;

/// <summary>
/// Compares text with a file under Reporting/golden. Set NODEMONITOR_UPDATE_GOLDEN=1 to rewrite the files
/// after an intended change, then review the diff like any other code.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerFile)!, "golden", name);
        if (Environment.GetEnvironmentVariable("NODEMONITOR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Warn($"rewrote {path}");
            return;
        }
        Assert.That(File.Exists(path), $"{path} is missing; run with NODEMONITOR_UPDATE_GOLDEN=1 to create it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"differs from {path}");
    }
}
