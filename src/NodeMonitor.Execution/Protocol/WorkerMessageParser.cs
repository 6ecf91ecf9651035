using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Protocol;

/// <summary>
/// Reads one protocol line (UTF-8 bytes) into its <see cref="WorkerMessage"/>: the JSON that <see cref="WorkerMessageJson"/>
/// writes, read with <see cref="Utf8JsonReader"/> alone, without the serializer's metadata (which the supervisor would
/// compile at every start) or its slow path for <see cref="TestCaseResult"/>'s large constructor. It reads what the
/// serializer's contract reads: <c>type</c> first, property names as written (case-sensitive), unknown properties skipped,
/// a missing field left null (or zero) for <see cref="ProtocolSequence"/> to refuse; and refuses more: an explicit null
/// where none is allowed, a property given twice, a null metric, suite or rejected-metric text, anything after the object.
/// </summary>
internal static class WorkerMessageParser
{
    /// <exception cref="ProtocolViolationException">The line is not a message.</exception>
    public static WorkerMessage Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed("not a JSON object");
            if (!NextProperty(ref reader) || !reader.ValueTextEquals("type"u8)) throw Malformed("no type first");
            var message = ReadMessage(ref reader, Text(ref reader, "type"));
            if (reader.Read()) throw Malformed("more after the message");
            return message;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ProtocolViolationException($"unreadable message ({FirstSentence(e.Message)}): {Shown(line)}");
        }
    }

    private static WorkerMessage ReadMessage(ref Utf8JsonReader reader, string type) => type switch
    {
        "testFinished" => TestFinished(ref reader),
        "testStarted" => TestStarted(ref reader),
        "suiteStarted" => SuiteStarted(ref reader),
        "testProgress" => TestProgress(ref reader),
        "assemblyStarted" => AssemblyStarted(ref reader),
        "assemblyLoadFailed" => AssemblyLoadFailed(ref reader),
        "assemblyExplored" => AssemblyExplored(ref reader),
        "done" => Done(ref reader),
        _ => throw Malformed($"unknown type '{OutputLimits.Cap(type, 100)}'"),
    };

    private static TestFinishedMessage TestFinished(ref Utf8JsonReader reader)
    {
        TestCaseResult? result = null;
        string? suite = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "Result"u8, ref seen, 0)) result = Result(ref reader);
            else if (Is(ref reader, "Suite"u8, ref seen, 1)) suite = OptionalText(ref reader);
            else Skip(ref reader);
        }
        return new TestFinishedMessage(result!) { Suite = suite };
    }

    private static TestStartedMessage TestStarted(ref Utf8JsonReader reader)
    {
        string? fullName = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "FullName"u8, ref seen, 0)) fullName = Text(ref reader, "FullName");
            else Skip(ref reader);
        }
        return new TestStartedMessage(fullName!);
    }

    private static TestProgressMessage TestProgress(ref Utf8JsonReader reader)
    {
        string? fullName = null, text = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "FullName"u8, ref seen, 0)) fullName = Text(ref reader, "FullName");
            else if (Is(ref reader, "Text"u8, ref seen, 1)) text = Text(ref reader, "Text");
            else Skip(ref reader);
        }
        return new TestProgressMessage(fullName!, text!);
    }

    private static SuiteStartedMessage SuiteStarted(ref Utf8JsonReader reader)
    {
        string? id = null, parent = null, type = null, name = null, fullName = null, className = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "Id"u8, ref seen, 0)) id = Text(ref reader, "Id");
            else if (Is(ref reader, "Parent"u8, ref seen, 1)) parent = OptionalText(ref reader);
            else if (Is(ref reader, "Type"u8, ref seen, 2)) type = Text(ref reader, "Type");
            else if (Is(ref reader, "Name"u8, ref seen, 3)) name = Text(ref reader, "Name");
            else if (Is(ref reader, "FullName"u8, ref seen, 4)) fullName = Text(ref reader, "FullName");
            else if (Is(ref reader, "ClassName"u8, ref seen, 5)) className = OptionalText(ref reader);
            else Skip(ref reader);
        }
        return new SuiteStartedMessage(id!, parent, type!, name!, fullName!, className);
    }

    private static AssemblyStartedMessage AssemblyStarted(ref Utf8JsonReader reader)
    {
        string? assembly = null, frameworkVersion = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "Assembly"u8, ref seen, 0)) assembly = Text(ref reader, "Assembly");
            else if (Is(ref reader, "FrameworkVersion"u8, ref seen, 1)) frameworkVersion = OptionalText(ref reader);
            else Skip(ref reader);
        }
        return new AssemblyStartedMessage(assembly!, frameworkVersion);
    }

    private static AssemblyLoadFailedMessage AssemblyLoadFailed(ref Utf8JsonReader reader)
    {
        string? assembly = null, error = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "Assembly"u8, ref seen, 0)) assembly = Text(ref reader, "Assembly");
            else if (Is(ref reader, "Error"u8, ref seen, 1)) error = Text(ref reader, "Error");
            else Skip(ref reader);
        }
        return new AssemblyLoadFailedMessage(assembly!, error!);
    }

    private static AssemblyExploredMessage AssemblyExplored(ref Utf8JsonReader reader)
    {
        string? assembly = null, frameworkVersion = null;
        int testCount = 0;
        List<string?>? tests = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "Assembly"u8, ref seen, 0)) assembly = Text(ref reader, "Assembly");
            else if (Is(ref reader, "FrameworkVersion"u8, ref seen, 1)) frameworkVersion = OptionalText(ref reader);
            else if (Is(ref reader, "TestCount"u8, ref seen, 2)) testCount = Int(ref reader);
            else if (Is(ref reader, "Tests"u8, ref seen, 3)) tests = Texts(ref reader, "Tests", nullItems: true);
            else Skip(ref reader);
        }
        return new AssemblyExploredMessage(assembly!, frameworkVersion, testCount, tests!);
    }

    private static WorkerDoneMessage Done(ref Utf8JsonReader reader)
    {
        string? token = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "Token"u8, ref seen, 0)) token = OptionalText(ref reader);
            else Skip(ref reader);
        }
        return new WorkerDoneMessage { Token = token };
    }

    /// <summary>A <see cref="TestCaseResult"/> as the serializer writes it; what a missing field means is ProtocolSequence's check.</summary>
    private static TestCaseResult Result(ref Utf8JsonReader reader)
    {
        Start(ref reader, JsonTokenType.StartObject, "Result");
        string? plugin = null, assembly = null, fullName = null, className = null, methodName = null, label = null, site = null;
        string? message = null, stackTrace = null, output = null, name = null, runState = null;
        var outcome = default(TestOutcome);
        DateTimeOffset startTime = default;
        TimeSpan duration = default;
        int asserts = 0;
        List<string?>? categories = null, rejected = null;
        List<KeyValuePair<string, string>>? properties = null;
        List<TestMetric>? metrics = null;
        List<EnclosingSuite>? suites = null;
        var seen = new Seen();
        while (NextProperty(ref reader))
        {
            // In the order the serializer writes them: each comparison usually matches at the first try.
            if (Is(ref reader, "Plugin"u8, ref seen, 0)) plugin = Text(ref reader, "Plugin");
            else if (Is(ref reader, "Assembly"u8, ref seen, 1)) assembly = Text(ref reader, "Assembly");
            else if (Is(ref reader, "FullName"u8, ref seen, 2)) fullName = Text(ref reader, "FullName");
            else if (Is(ref reader, "ClassName"u8, ref seen, 3)) className = Text(ref reader, "ClassName");
            else if (Is(ref reader, "MethodName"u8, ref seen, 4)) methodName = Text(ref reader, "MethodName");
            else if (Is(ref reader, "Outcome"u8, ref seen, 5)) outcome = (TestOutcome)Int(ref reader);
            else if (Is(ref reader, "Label"u8, ref seen, 6)) label = OptionalText(ref reader);
            else if (Is(ref reader, "Site"u8, ref seen, 7)) site = OptionalText(ref reader);
            else if (Is(ref reader, "StartTime"u8, ref seen, 8)) startTime = Time(ref reader);
            else if (Is(ref reader, "Duration"u8, ref seen, 9)) duration = Duration(ref reader);
            else if (Is(ref reader, "Message"u8, ref seen, 10)) message = OptionalText(ref reader);
            else if (Is(ref reader, "StackTrace"u8, ref seen, 11)) stackTrace = OptionalText(ref reader);
            else if (Is(ref reader, "Output"u8, ref seen, 12)) output = OptionalText(ref reader);
            else if (Is(ref reader, "Asserts"u8, ref seen, 13)) asserts = Int(ref reader);
            else if (Is(ref reader, "Categories"u8, ref seen, 14)) categories = Texts(ref reader, "Categories", nullItems: true);
            else if (Is(ref reader, "Properties"u8, ref seen, 15)) properties = Properties(ref reader);
            else if (Is(ref reader, "Metrics"u8, ref seen, 16)) metrics = Metrics(ref reader);
            else if (Is(ref reader, "RejectedMetrics"u8, ref seen, 17)) rejected = Texts(ref reader, "RejectedMetrics", nullItems: false);
            else if (Is(ref reader, "Name"u8, ref seen, 18)) name = OptionalText(ref reader);
            else if (Is(ref reader, "RunState"u8, ref seen, 19)) runState = OptionalText(ref reader);
            else if (Is(ref reader, "Suites"u8, ref seen, 20)) suites = Suites(ref reader);
            else Skip(ref reader);
        }
        return new TestCaseResult(plugin!, assembly!, fullName!, className!, methodName!, outcome, label, site, startTime, duration,
            message, stackTrace, output, asserts, categories!, properties!)
        {
            Metrics = metrics ?? [], RejectedMetrics = (IReadOnlyList<string>?)rejected ?? [], Name = name, RunState = runState, Suites = suites,
        };
    }

    /// <summary>NUnit properties as the serializer writes key-value pairs; a null key or value is ProtocolSequence's check.</summary>
    private static List<KeyValuePair<string, string>> Properties(ref Utf8JsonReader reader)
    {
        Start(ref reader, JsonTokenType.StartArray, "Properties");
        var properties = new List<KeyValuePair<string, string>>();
        while (NextItem(ref reader))
        {
            Require(ref reader, JsonTokenType.StartObject, "a property");
            string? key = null, value = null;
            var seen = new Seen();
            while (NextProperty(ref reader))
            {
                if (Is(ref reader, "Key"u8, ref seen, 0)) key = OptionalText(ref reader);
                else if (Is(ref reader, "Value"u8, ref seen, 1)) value = OptionalText(ref reader);
                else Skip(ref reader);
            }
            properties.Add(new KeyValuePair<string, string>(key!, value!));
        }
        return properties;
    }

    private static List<TestMetric> Metrics(ref Utf8JsonReader reader)
    {
        Start(ref reader, JsonTokenType.StartArray, "Metrics");
        var metrics = new List<TestMetric>();
        while (NextItem(ref reader))
        {
            Require(ref reader, JsonTokenType.StartObject, "a metric");
            string? name = null, unit = null;
            double value = 0;
            var kind = MetricKind.Gauge;
            Dictionary<string, string>? labels = null;
            DateTimeOffset? time = null;
            bool total = false;
            var seen = new Seen();
            while (NextProperty(ref reader))
            {
                if (Is(ref reader, "Name"u8, ref seen, 0)) name = Text(ref reader, "Name");
                else if (Is(ref reader, "Value"u8, ref seen, 1)) value = Number(ref reader);
                else if (Is(ref reader, "Kind"u8, ref seen, 2)) kind = (MetricKind)Int(ref reader);
                else if (Is(ref reader, "Unit"u8, ref seen, 3)) unit = OptionalText(ref reader);
                else if (Is(ref reader, "Labels"u8, ref seen, 4)) labels = Labels(ref reader);
                else if (Is(ref reader, "Time"u8, ref seen, 5)) time = OptionalTime(ref reader);
                else if (Is(ref reader, "ValueIsTotal"u8, ref seen, 6)) total = Boolean(ref reader);
                else Skip(ref reader);
            }
            if (name is null) throw Malformed("a metric without a name");
            if (!Enum.IsDefined(kind)) throw Malformed($"a metric of unknown kind {(int)kind}");
            metrics.Add(new TestMetric(name, value, kind, unit, (IReadOnlyDictionary<string, string>?)labels ?? new Dictionary<string, string>(), time, total));
        }
        return metrics;
    }

    private static Dictionary<string, string> Labels(ref Utf8JsonReader reader)
    {
        Start(ref reader, JsonTokenType.StartObject, "Labels");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            string key = reader.GetString()!;
            if (!labels.TryAdd(key, Text(ref reader, "a label"))) throw Malformed("a label given twice");
        }
        return labels;
    }

    private static List<EnclosingSuite>? Suites(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw Malformed("the line ends inside Suites");
        if (reader.TokenType == JsonTokenType.Null) return null;
        Require(ref reader, JsonTokenType.StartArray, "Suites");
        var suites = new List<EnclosingSuite>();
        while (NextItem(ref reader))
        {
            Require(ref reader, JsonTokenType.StartObject, "a suite");
            string? type = null, name = null, fullName = null, className = null;
            var seen = new Seen();
            while (NextProperty(ref reader))
            {
                if (Is(ref reader, "Type"u8, ref seen, 0)) type = Text(ref reader, "Type");
                else if (Is(ref reader, "Name"u8, ref seen, 1)) name = Text(ref reader, "Name");
                else if (Is(ref reader, "FullName"u8, ref seen, 2)) fullName = Text(ref reader, "FullName");
                else if (Is(ref reader, "ClassName"u8, ref seen, 3)) className = OptionalText(ref reader);
                else Skip(ref reader);
            }
            if (type is null || name is null || fullName is null) throw Malformed("a suite without a type, name or full name");
            suites.Add(new EnclosingSuite(type, name, fullName, className));
        }
        return suites;
    }

    /// <summary>The next property of the object being read (the reader is on its name), or false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw Malformed("the line ends inside an object");
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>The next item of the array being read (the reader is on it), or false at its end.</summary>
    private static bool NextItem(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw Malformed("the line ends inside an array");
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>True when the property the reader is on is <paramref name="name"/>; a name seen before in the same object is refused.</summary>
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref Seen seen, int field)
    {
        if (!(reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name))) return false;
        seen.Add(field, name);
        return true;
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Start(ref Utf8JsonReader reader, JsonTokenType token, string field)
    {
        if (!reader.Read()) throw Malformed($"the line ends at {field}");
        Require(ref reader, token, field);
    }

    private static void Require(ref Utf8JsonReader reader, JsonTokenType token, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) throw Malformed($"{field} is null");
        if (reader.TokenType != token) throw Malformed($"{field} is a {reader.TokenType}, not a {token}");
    }

    private static string Text(ref Utf8JsonReader reader, string field) =>
        OptionalText(ref reader) ?? throw Malformed($"{field} is null");

    private static string? OptionalText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw Malformed($"a {reader.TokenType} where text belongs"),
        };
    }

    /// <summary>An array of texts; with <paramref name="nullItems"/> a null item is kept for ProtocolSequence to refuse.</summary>
    private static List<string?> Texts(ref Utf8JsonReader reader, string field, bool nullItems)
    {
        Start(ref reader, JsonTokenType.StartArray, field);
        var texts = new List<string?>();
        while (NextItem(ref reader))
        {
            if (reader.TokenType == JsonTokenType.Null && nullItems) texts.Add(null);
            else if (reader.TokenType == JsonTokenType.String) texts.Add(reader.GetString());
            else throw Malformed($"{field} holds a {reader.TokenType}");
        }
        return texts;
    }

    private static int Int(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : throw Malformed($"a {reader.TokenType} where a number belongs");
    }

    private static double Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw Malformed($"a {reader.TokenType} where a number belongs");
    }

    private static bool Boolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Malformed($"a {reader.TokenType} where true or false belongs"),
        };
    }

    private static DateTimeOffset Time(ref Utf8JsonReader reader) =>
        OptionalTime(ref reader) ?? throw Malformed("a time is null");

    private static DateTimeOffset? OptionalTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetDateTimeOffset(),
            _ => throw Malformed($"a {reader.TokenType} where a time belongs"),
        };
    }

    /// <summary>A duration in the serializer's form, the constant ("c") format of <see cref="TimeSpan"/>.</summary>
    private static TimeSpan Duration(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) throw Malformed($"a {reader.TokenType} where a duration belongs");
        ReadOnlySpan<byte> text = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        if (text.IsEmpty || !(char.IsAsciiDigit((char)text[0]) || text[0] == '-')
            || !Utf8Parser.TryParse(text, out TimeSpan duration, out int consumed, 'c') || consumed != text.Length)
            throw Malformed("a duration that is not hh:mm:ss.fffffff");
        return duration;
    }

    private static JsonException Malformed(string what) => new(what);

    private static string FirstSentence(string text)
    {
        int end = text.IndexOf(". ", StringComparison.Ordinal);
        string first = (end > 0 ? text[..end] : text).Split('\n')[0].TrimEnd('.');
        return OutputLimits.Cap(first, 200)!;
    }

    private static string Shown(ReadOnlySpan<byte> line) =>
        OutputLimits.Cap(Encoding.UTF8.GetString(line.Length > 4096 ? line[..4096] : line), 200)!;

    /// <summary>The fields of one object read so far (at most 32).</summary>
    private struct Seen
    {
        private uint _fields;

        public void Add(int field, ReadOnlySpan<byte> name)
        {
            uint bit = 1u << field;
            if ((_fields & bit) != 0) throw Malformed($"{Encoding.UTF8.GetString(name)} given twice");
            _fields |= bit;
        }
    }
}
