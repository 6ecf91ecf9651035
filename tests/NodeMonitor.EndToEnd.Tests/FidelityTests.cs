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
        using var ws = new Workspace("fidelity");
        string plugin = Path.Combine(ws.PluginRoot, "fidelity");
        string engineXml = ws.File("engine");
        var desk = ChildProcess.Run("dotnet", ["test", Path.Combine(plugin, "Fixtures.Fidelity.dll"),
            "--settings", Path.Combine(plugin, "fidelity.runsettings"),
            "--", $"NUnit.TestOutputXml={engineXml}", "NUnit.OutputXmlFolderMode=UseSpecifiedFolder"], plugin);
        string nodeXml = ws.File("nodemonitor.xml");
        var node = CliRun.Invoke(ws.RunArgs($"--result={nodeXml}"));

        string? engineFile = Directory.Exists(engineXml) ? Directory.EnumerateFiles(engineXml, "*.xml").FirstOrDefault() : null;
        Assert.That(engineFile, Is.Not.Null, $"dotnet test wrote no NUnit XML:\n{desk}");
        Assert.That(File.Exists(nodeXml), Is.True, $"nodemonitor run wrote no result file:\n{node}");
        var comparison = CaseComparison.Of(XDocument.Load(engineFile!), XDocument.Load(nodeXml));

        Assert.That(comparison.ExpectedCases, Is.GreaterThan(100), "the fixture's cases all exist under dotnet test");
        Assert.That(comparison.Differences, Is.Empty, comparison.Summary);
        Assert.That(comparison.AllAgree, Is.True, comparison.Summary);
        Assert.That(desk.ExitCode, Is.EqualTo(node.ExitCode), "both fail the run: the fixture has deliberate failures");
    }
}
