// fidelity-compare EXPECTED.xml ACTUAL.xml [--show N]
// Compares the NUnit 3 result file of NUnit's own engine (dotnet test -- NUnit.TestOutputXml=...) with the one
// of `nodemonitor run --result=...` case by case. Prints "N of M cases agree" and the first differences.
// Exit codes: 0 every case agrees, 1 some do not, 2 usage error or unreadable file.
using System.Xml;
using System.Xml.Linq;
using NodeMonitor.FidelityCompare;

if (args.Length is not (2 or 4) || (args.Length == 4 && (args[2] != "--show" || !int.TryParse(args[3], out _))))
{
    Console.Error.WriteLine("usage: fidelity-compare EXPECTED.xml ACTUAL.xml [--show N]");
    return 2;
}
int show = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
XDocument expected, actual;
try
{
    expected = XDocument.Load(args[0]);
    actual = XDocument.Load(args[1]);
}
catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"fidelity-compare: {e.Message}");
    return 2;
}
var comparison = CaseComparison.Of(expected, actual);
foreach (var difference in comparison.Differences.Take(show)) Console.WriteLine(difference);
if (comparison.Differences.Count > show) Console.WriteLine($"... and {comparison.Differences.Count - show} more differences");
Console.WriteLine(comparison.Summary);
return comparison.AllAgree ? 0 : 1;
