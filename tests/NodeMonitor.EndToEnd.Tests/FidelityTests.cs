using System.Xml.Linq;
using NodeMonitor.EndToEnd.Tests.Support;
using NodeMonitor.FidelityCompare;

namespace NodeMonitor.EndToEnd.Tests;

/// <summary>
/// The same published plugin gives the same results under `dotnet test` (NUnit's engine, its lossless result XML)
/// and under `nodemonitor run` (its NUnit 3 result file), case by case: name, full name, parent suite, result,
/// label, site, run state, message, assert count and output. The Fidelity fixture exercises globalization, the
/// plugin's runtimeconfig.json, contextual reflection, inherited and generic fixtures, data sources, outcomes,
/// the plugin's folder, native and satellite assemblies, run parameters and parallel scopes.
/// </summary>
[TestFixture]
[Category("Integration")]
public class FidelityTests
{
    [Test]
    public void EveryCaseAgreesWithDotnetTest()
    {
        var comparison = Compare("fidelity", "Fixtures.Fidelity.dll", out var desk, out var node, "--settings", "fidelity.runsettings");
        Assert.That(comparison.ExpectedCases, Is.GreaterThan(100), "the fixture's cases all exist under dotnet test");
        Assert.That(comparison.Differences, Is.Empty, comparison.Summary);
        Assert.That(comparison.AllAgree, Is.True, comparison.Summary);
        Assert.That(desk.ExitCode, Is.EqualTo(node.ExitCode), "both fail the run: the fixture has deliberate failures");
    }

    /// <summary>The worker reads test cases from NUnit's result objects, not NUnit's XML: its texts must still read as
    /// NUnit's XML gives them (characters XML cannot carry escaped, line breaks, "]]>", several assertions, blank
    /// messages, properties and names with control characters).</summary>
    [Test]
    public void ResultTextsAgreeWithDotnetTest()
    {
        var comparison = Compare("resulttext", "ResultText.dll", out _, out _);
        Assert.That(comparison.ExpectedCases, Is.GreaterThan(14), "the fixture's cases all exist under dotnet test");
        Assert.That(comparison.Differences, Is.Empty, comparison.Summary);
        Assert.That(comparison.AllAgree, Is.True, comparison.Summary);
    }

    private static CaseComparison Compare(string fixture, string dll, out CliRun desk, out CliRun node, params string[] settings)
    {
        using var ws = new Workspace(fixture);
        string plugin = Path.Combine(ws.PluginRoot, fixture);
        string engineXml = ws.File("engine");
        desk = ChildProcess.Run("dotnet", ["test", Path.Combine(plugin, dll), .. settings.Select(s => s.EndsWith(".runsettings") ? Path.Combine(plugin, s) : s),
            "--", $"NUnit.TestOutputXml={engineXml}", "NUnit.OutputXmlFolderMode=UseSpecifiedFolder"], plugin);
        string nodeXml = ws.File("nodemonitor.xml");
        node = CliRun.Invoke(ws.RunArgs($"--result={nodeXml}"));

        string? engineFile = Directory.Exists(engineXml) ? Directory.EnumerateFiles(engineXml, "*.xml").FirstOrDefault() : null;
        Assert.That(engineFile, Is.Not.Null, $"dotnet test wrote no NUnit XML:\n{desk}");
        Assert.That(File.Exists(nodeXml), Is.True, $"nodemonitor run wrote no result file:\n{node}");
        return CaseComparison.Of(XDocument.Load(engineFile!), XDocument.Load(nodeXml));
    }
}
