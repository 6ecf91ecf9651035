using System.Xml.Linq;

namespace NodeMonitor.FidelityCompare;

/// <summary>One field of one case that differs, or a case only one side has.</summary>
public sealed record CaseDifference(string FullName, string Field, string Expected, string Actual)
{
    public override string ToString() => $"{FullName}: {Field}: expected \"{Cut(Expected)}\" but was \"{Cut(Actual)}\"";

    private static string Cut(string text) => (text.Length > 300 ? text[..300] + "..." : text).Replace("\n", "\\n", StringComparison.Ordinal);
}

/// <summary>
/// Case-by-case agreement of two NUnit 3 result files. Cases are matched by parent suite and full name (the n-th
/// case of a name with the n-th, for the rare duplicate names); a case agrees when every compared field is equal.
/// </summary>
public sealed record CaseComparison(int ExpectedCases, int ActualCases, int Agreeing, IReadOnlyList<CaseDifference> Differences)
{
    public bool AllAgree => Agreeing == ExpectedCases && ExpectedCases == ActualCases;

    public string Summary => $"{Agreeing} of {ExpectedCases} cases agree ({ActualCases} cases in the compared file)";

    public static CaseComparison Of(XDocument expected, XDocument actual)
    {
        var actualCases = CaseRecord.ReadAll(actual);
        var mine = Index(actualCases);
        var theirs = CaseRecord.ReadAll(expected);
        var differences = new List<CaseDifference>();
        int agreeing = 0;
        foreach (var (key, expectedCase) in Index(theirs))
        {
            if (!mine.Remove(key, out var actualCase))
            {
                differences.Add(new(expectedCase.FullName, "missing", $"under {expectedCase.Parent}", "absent"));
                continue;
            }
            var fields = expectedCase.Fields.Zip(actualCase.Fields, CaseRecord.FieldNames)
                .Where(f => f.First != f.Second)
                .Select(f => new CaseDifference(expectedCase.FullName, f.Third, f.First, f.Second))
                .ToList();
            if (fields.Count == 0) agreeing++;
            differences.AddRange(fields);
        }
        differences.AddRange(mine.Values.Select(extra => new CaseDifference(extra.FullName, "extra", "absent", $"under {extra.Parent}")));
        return new CaseComparison(theirs.Count, actualCases.Count, agreeing, differences);
    }

    private static Dictionary<(string Parent, string FullName, int Occurrence), CaseRecord> Index(IEnumerable<CaseRecord> cases)
    {
        var index = new Dictionary<(string, string, int), CaseRecord>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var c in cases)
        {
            int n = seen[(c.Parent, c.FullName)] = seen.GetValueOrDefault((c.Parent, c.FullName)) + 1;
            index[(c.Parent, c.FullName, n)] = c;
        }
        return index;
    }
}
