// Reads an NUnit 3 result file and prints, on one line, what a benchmark needs to split a run's wall time:
//   <cases> <sum of case durations, s> <first case start, Unix s> <last case end, Unix s>
// Usage: dotnet run build/bench/suite-timing.cs RESULT.xml
using System.Globalization;
using System.Xml.Linq;

var cases = XDocument.Load(args[0]).Descendants("test-case").ToList();
double Seconds(XElement c) => double.Parse((string?)c.Attribute("duration") ?? "0", CultureInfo.InvariantCulture);
DateTimeOffset Start(XElement c) => DateTimeOffset.Parse((string)c.Attribute("start-time")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
var timed = cases.Where(c => c.Attribute("start-time") is not null).ToList();
double first = timed.Count == 0 ? 0 : timed.Min(c => Start(c).ToUnixTimeMilliseconds()) / 1000.0;
double last = timed.Count == 0 ? 0 : timed.Max(c => Start(c).ToUnixTimeMilliseconds() / 1000.0 + Seconds(c));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Count} {cases.Sum(Seconds):0.000} {first:0.000} {last:0.000}"));
