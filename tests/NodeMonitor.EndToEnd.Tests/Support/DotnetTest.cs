using System.Diagnostics;
using System.Xml.Linq;

namespace NodeMonitor.EndToEnd.Tests.Support;

/// <summary>
/// What `dotnet test` reports for a built fixture, read from the NUnit adapter's own result XML
/// (NUnit.TestOutputXml: the engine's lossless counts, Warning and Inconclusive included).
/// </summary>
internal static class DotnetTest
{
    public static Counts CountsFor(string pluginDirectory, string assemblyFile)
    {
        string outDir = Directory.CreateTempSubdirectory("nm-dotnet-test-").FullName;
        try
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = pluginDirectory,
            };
            foreach (var a in new[] { "test", Path.Combine(pluginDirectory, assemblyFile), "--", $"NUnit.TestOutputXml={outDir}", "NUnit.OutputXmlFolderMode=UseSpecifiedFolder" })
                info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var so = p.StandardOutput.ReadToEndAsync();
            var se = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); Assert.Fail("dotnet test did not finish"); }
            string? xml = Directory.EnumerateFiles(outDir, "*.xml").FirstOrDefault();
            Assert.That(xml, Is.Not.Null, $"dotnet test wrote no NUnit XML:\n{so.Result}\n{se.Result}");
            return Counts.FromTestRun(XDocument.Load(xml!).Root!);
        }
        finally
        {
            Directory.Delete(outDir, true);
        }
    }
}

/// <summary>Per-outcome counts as NUnit's test-run element carries them.</summary>
internal sealed record Counts(int Total, int Passed, int Failed, int Warnings, int Inconclusive, int Skipped)
{
    public static Counts FromTestRun(XElement testRun) => new(
        Int(testRun, "total"), Int(testRun, "passed"), Int(testRun, "failed"),
        Int(testRun, "warnings"), Int(testRun, "inconclusive"), Int(testRun, "skipped"));

    private static int Int(XElement e, string name) =>
        int.Parse(e.Attribute(name)?.Value ?? throw new AssertionException($"test-run has no '{name}' attribute"), System.Globalization.CultureInfo.InvariantCulture);
}
