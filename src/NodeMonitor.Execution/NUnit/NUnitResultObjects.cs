using System.Collections;
using System.Reflection;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.NUnit;

/// <summary>
/// Reads NUnit's own test and result objects (ITest, ITestResult of the plugin's nunit.framework, reached by
/// reflection) into exactly what NUnit's XML for a test case would say, without NUnit writing that XML and the
/// worker reading it back: the same attributes, texts escaped and broken into lines as the XML gives them
/// (<see cref="NUnitXmlText"/>), the same properties in the same order. Mirrors NUnit's TestResult.AddToXml and
/// TestProgressReporter (parent id, start-test). Null from <see cref="TryCreate"/> when the plugin's NUnit lacks a member.
/// </summary>
internal sealed class NUnitResultObjects
{
    private const string Interfaces = "NUnit.Framework.Interfaces.";
    private readonly Type _suite;
    private readonly TestMembers _test;
    private readonly ResultMembers _result;

    private NUnitResultObjects(Type suite, TestMembers test, ResultMembers result)
    {
        _suite = suite;
        _test = test;
        _result = result;
    }

    public static NUnitResultObjects? TryCreate(Assembly nunit)
    {
        var suite = nunit.GetType("NUnit.Framework.Internal.TestSuite");
        var test = TestMembers.TryCreate(nunit);
        var result = ResultMembers.TryCreate(nunit);
        return suite is null || test is null || result is null ? null : new NUnitResultObjects(suite, test, result);
    }

    /// <summary>True for NUnit's suites (assembly, namespace, fixture, parameterized method...), whose events NUnit's
    /// own reporter still writes; false for test cases.</summary>
    public bool IsSuite(object test) => _suite.IsInstanceOfType(test);

    /// <summary>The test of an ITestResult.</summary>
    public object TestOf(object result) => _result.Test.GetValue(result)!;

    public string Id(object test) => (string)_test.Id.GetValue(test)!;

    /// <summary>The full name as start-test and test-case carry it.</summary>
    public string FullName(object test) => NUnitXmlText.Attribute((string)_test.FullName.GetValue(test)!);

    /// <summary>The id of the nearest enclosing suite, as NUnit's reporter gives it; empty at the top.</summary>
    public string ParentId(object test)
    {
        for (object? at = _test.Parent.GetValue(test); at is not null; at = _test.Parent.GetValue(at))
        {
            if ((bool)_test.IsSuite.GetValue(at)!) return Id(at);
        }
        return "";
    }

    /// <summary>A finished test case's ITestResult as the <see cref="TestCaseResult"/> its XML would give.</summary>
    public TestCaseResult Read(object result, string plugin, string assembly)
    {
        object test = TestOf(result);
        object state = _result.ResultState.GetValue(result)!;
        string status = _result.Status.GetValue(state)!.ToString()!;
        string label = (string)_result.Label.GetValue(state)!;
        string site = _result.Site.GetValue(state)!.ToString()!;
        double seconds = Math.Round((double)_result.Duration.GetValue(result)!, 6);
        var fields = new NUnitCaseFields
        {
            Name = NUnitXmlText.Attribute((string)_test.Name.GetValue(test)!),
            FullName = FullName(test),
            RunState = _test.RunState.GetValue(test)!.ToString(),
            ClassName = _test.ClassName.GetValue(test) is string className ? NUnitXmlText.Attribute(className) : "",
            MethodName = _test.MethodName.GetValue(test) is string methodName ? NUnitXmlText.Attribute(methodName) : "",
            Outcome = NUnitTestCaseReader.ParseOutcome(status),
            Label = label.Length == 0 ? null : NUnitXmlText.Attribute(label),
            Site = site == "Test" ? null : site,
            StartTime = Utc((DateTime)_result.StartTime.GetValue(result)!),
            Duration = seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero,
            Asserts = (int)_result.AssertCount.GetValue(result)!,
        };
        AddProperties(test, fields);
        AddTexts(result, status, fields);
        return fields.ToResult(plugin, assembly);
    }

    private void AddProperties(object test, NUnitCaseFields fields)
    {
        object bag = _test.Properties.GetValue(test)!;
        foreach (string key in (IEnumerable<string>)_test.PropertyKeys.GetValue(bag)!)
        {
            foreach (object? value in (IList)_test.PropertyValues.GetValue(bag, [key])!)
                fields.AddProperty(NUnitXmlText.Attribute(key), NUnitXmlText.Attribute(value?.ToString() ?? ""));
        }
    }

    // As TestResult.AddToXml: a failure's message and stack trace, another outcome's message as its reason, the output,
    // and each assertion's message and stack trace.
    private void AddTexts(object result, string status, NUnitCaseFields fields)
    {
        string? message = (string?)_result.Message.GetValue(result);
        if (status == "Failed")
        {
            AddText(fields, "failure/message", message, whenBlank: false);
            AddText(fields, "failure/stack-trace", (string?)_result.StackTrace.GetValue(result), whenBlank: false);
        }
        else
        {
            AddText(fields, "reason/message", message, whenBlank: false);
        }
        AddText(fields, "output", (string?)_result.Output.GetValue(result), whenBlank: true);
        foreach (object? assertion in (IEnumerable)_result.Assertions.GetValue(result)!)
        {
            if (assertion is null) continue;
            AddText(fields, "assertions/assertion/message", (string?)_result.AssertionMessage.GetValue(assertion), whenBlank: true);
            AddText(fields, "assertions/assertion/stack-trace", (string?)_result.AssertionStackTrace.GetValue(assertion), whenBlank: true);
        }
    }

    private static void AddText(NUnitCaseFields fields, string path, string? text, bool whenBlank)
    {
        if (text is null || (whenBlank ? text.Length == 0 : string.IsNullOrWhiteSpace(text))) return;
        fields.AppendText(path, NUnitXmlText.Element(text));
    }

    // The XML carries DateTime.ToString("o"), read back as universal time (no offset: taken as universal).
    private static DateTimeOffset Utc(DateTime time) => time.Kind == DateTimeKind.Local
        ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero)
        : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static PropertyInfo? Property(Type? type, string name) => type?.GetProperty(name);

    private sealed record TestMembers(PropertyInfo Id, PropertyInfo Name, PropertyInfo FullName, PropertyInfo ClassName,
        PropertyInfo MethodName, PropertyInfo RunState, PropertyInfo Parent, PropertyInfo IsSuite, PropertyInfo Properties,
        PropertyInfo PropertyKeys, PropertyInfo PropertyValues)
    {
        public static TestMembers? TryCreate(Assembly nunit)
        {
            var test = nunit.GetType(Interfaces + "ITest");
            var bag = nunit.GetType(Interfaces + "IPropertyBag");
            PropertyInfo?[] all =
            [
                Property(test, "Id"), Property(test, "Name"), Property(test, "FullName"), Property(test, "ClassName"),
                Property(test, "MethodName"), Property(test, "RunState"), Property(test, "Parent"), Property(test, "IsSuite"),
                Property(test, "Properties"), Property(bag, "Keys"), bag?.GetProperty("Item", [typeof(string)]),
            ];
            return all.Any(p => p is null) ? null
                : new TestMembers(all[0]!, all[1]!, all[2]!, all[3]!, all[4]!, all[5]!, all[6]!, all[7]!, all[8]!, all[9]!, all[10]!);
        }
    }

    private sealed record ResultMembers(PropertyInfo Test, PropertyInfo ResultState, PropertyInfo Status, PropertyInfo Label,
        PropertyInfo Site, PropertyInfo StartTime, PropertyInfo Duration, PropertyInfo AssertCount, PropertyInfo Message,
        PropertyInfo StackTrace, PropertyInfo Output, PropertyInfo Assertions, PropertyInfo AssertionMessage, PropertyInfo AssertionStackTrace)
    {
        public static ResultMembers? TryCreate(Assembly nunit)
        {
            var result = nunit.GetType(Interfaces + "ITestResult");
            var state = nunit.GetType(Interfaces + "ResultState");
            var assertion = nunit.GetType(Interfaces + "AssertionResult");
            PropertyInfo?[] all =
            [
                Property(result, "Test"), Property(result, "ResultState"), Property(state, "Status"), Property(state, "Label"),
                Property(state, "Site"), Property(result, "StartTime"), Property(result, "Duration"), Property(result, "AssertCount"),
                Property(result, "Message"), Property(result, "StackTrace"), Property(result, "Output"), Property(result, "AssertionResults"),
                Property(assertion, "Message"), Property(assertion, "StackTrace"),
            ];
            if (all.Any(p => p is null) || all[6]!.PropertyType != typeof(double) || all[5]!.PropertyType != typeof(DateTime)) return null;
            return new ResultMembers(all[0]!, all[1]!, all[2]!, all[3]!, all[4]!, all[5]!, all[6]!, all[7]!, all[8]!, all[9]!, all[10]!,
                all[11]!, all[12]!, all[13]!);
        }
    }
}
