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
            var run = ChildProcess.Run("dotnet", ["test", Path.Combine(pluginDirectory, assemblyFile), "--",
                $"NUnit.TestOutputXml={outDir}", "NUnit.OutputXmlFolderMode=UseSpecifiedFolder"], pluginDirectory);
            string? xml = Directory.EnumerateFiles(outDir, "*.xml").FirstOrDefault();
            Assert.That(xml, Is.Not.Null, $"dotnet test wrote no NUnit XML:\n{run}");
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
