using System.Buffers.Text;
using System.Text.Json;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Execution.Protocol;

/// <summary>
/// Writes a <see cref="WorkerMessage"/> as the JSON <see cref="WorkerMessageJson"/> would (same properties, same order,
/// same formats: a <c>type</c> discriminator first, names as declared, nulls left out, enums as numbers, times as
/// System.Text.Json writes them), straight through a <see cref="Utf8JsonWriter"/>. The worker needs no serializer
/// metadata then: that metadata is generic over value types and had to be compiled at run time in every worker.
/// The supervisor reads the lines with <see cref="WorkerMessageParser"/>; tests hold both to <see cref="WorkerMessageJson"/>'s bytes.
/// </summary>
internal static class WorkerMessageWriter
{
    /// <exception cref="ArgumentException">A metric's value is not a finite number (JSON has none; neither writes it).</exception>
    public static void Write(Utf8JsonWriter json, WorkerMessage message)
    {
        json.WriteStartObject();
        switch (message)
        {
            case TestFinishedMessage finished:
                json.WriteString("type", "testFinished");
                json.WritePropertyName(nameof(finished.Result));
                Write(json, finished.Result);
                Optional(json, nameof(finished.Suite), finished.Suite);
                break;
            case TestStartedMessage started:
                json.WriteString("type", "testStarted");
                json.WriteString(nameof(started.FullName), started.FullName);
                break;
            case SuiteStartedMessage suite:
                json.WriteString("type", "suiteStarted");
                json.WriteString(nameof(suite.Id), suite.Id);
                Optional(json, nameof(suite.Parent), suite.Parent);
                SuiteFields(json, new EnclosingSuite(suite.Type, suite.Name, suite.FullName, suite.ClassName));
                break;
            case TestProgressMessage progress:
                json.WriteString("type", "testProgress");
                json.WriteString(nameof(progress.FullName), progress.FullName);
                json.WriteString(nameof(progress.Text), progress.Text);
                break;
            case AssemblyStartedMessage started:
                json.WriteString("type", "assemblyStarted");
                json.WriteString(nameof(started.Assembly), started.Assembly);
                Optional(json, nameof(started.FrameworkVersion), started.FrameworkVersion);
                break;
            case AssemblyLoadFailedMessage failed:
                json.WriteString("type", "assemblyLoadFailed");
                json.WriteString(nameof(failed.Assembly), failed.Assembly);
                json.WriteString(nameof(failed.Error), failed.Error);
                break;
            case AssemblyExploredMessage explored:
                json.WriteString("type", "assemblyExplored");
                json.WriteString(nameof(explored.Assembly), explored.Assembly);
                Optional(json, nameof(explored.FrameworkVersion), explored.FrameworkVersion);
                json.WriteNumber(nameof(explored.TestCount), explored.TestCount);
                Strings(json, nameof(explored.Tests), explored.Tests);
                break;
            case WorkerDoneMessage done:
                json.WriteString("type", "done");
                Optional(json, nameof(done.Token), done.Token);
                break;
            default:
                throw new ArgumentException($"no protocol form for {message.GetType().Name}", nameof(message));
        }
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, TestCaseResult result)
    {
        json.WriteStartObject();
        json.WriteString(nameof(result.Plugin), result.Plugin);
        json.WriteString(nameof(result.Assembly), result.Assembly);
        json.WriteString(nameof(result.FullName), result.FullName);
        json.WriteString(nameof(result.ClassName), result.ClassName);
        json.WriteString(nameof(result.MethodName), result.MethodName);
        json.WriteNumber(nameof(result.Outcome), (int)result.Outcome);
        Optional(json, nameof(result.Label), result.Label);
        Optional(json, nameof(result.Site), result.Site);
        json.WriteString(nameof(result.StartTime), result.StartTime);
        json.WritePropertyName(nameof(result.Duration));
        WriteTimeSpan(json, result.Duration);
        Optional(json, nameof(result.Message), result.Message);
        Optional(json, nameof(result.StackTrace), result.StackTrace);
        Optional(json, nameof(result.Output), result.Output);
        json.WriteNumber(nameof(result.Asserts), result.Asserts);
        Strings(json, nameof(result.Categories), result.Categories);
        json.WriteStartArray(nameof(result.Properties));
        for (int i = 0; i < result.Properties.Count; i++)
        {
            var property = result.Properties[i];
            json.WriteStartObject();
            json.WriteString(nameof(property.Key), property.Key);
            json.WriteString(nameof(property.Value), property.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray(nameof(result.Metrics));
        for (int i = 0; i < result.Metrics.Count; i++) Write(json, result.Metrics[i]);
        json.WriteEndArray();
        Strings(json, nameof(result.RejectedMetrics), result.RejectedMetrics);
        Optional(json, nameof(result.Name), result.Name);
        Optional(json, nameof(result.RunState), result.RunState);
        if (result.Suites is { } suites)
        {
            json.WriteStartArray(nameof(result.Suites));
            for (int i = 0; i < suites.Count; i++) Write(json, suites[i]);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, TestMetric metric)
    {
        json.WriteStartObject();
        json.WriteString(nameof(metric.Name), metric.Name);
        json.WriteNumber(nameof(metric.Value), metric.Value);
        json.WriteNumber(nameof(metric.Kind), (int)metric.Kind);
        Optional(json, nameof(metric.Unit), metric.Unit);
        json.WriteStartObject(nameof(metric.Labels));
        foreach (var (key, value) in metric.Labels) json.WriteString(key, value);
        json.WriteEndObject();
        if (metric.Time is { } time) json.WriteString(nameof(metric.Time), time);
        json.WriteBoolean(nameof(metric.ValueIsTotal), metric.ValueIsTotal);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, EnclosingSuite suite)
    {
        json.WriteStartObject();
        SuiteFields(json, suite);
        json.WriteEndObject();
    }

    // A suiteStarted message and an enclosing suite share these fields, in this order.
    private static void SuiteFields(Utf8JsonWriter json, EnclosingSuite suite)
    {
        json.WriteString(nameof(suite.Type), suite.Type);
        json.WriteString(nameof(suite.Name), suite.Name);
        json.WriteString(nameof(suite.FullName), suite.FullName);
        Optional(json, nameof(suite.ClassName), suite.ClassName);
    }

    // As System.Text.Json's TimeSpan converter: the constant ("c") format.
    private static void WriteTimeSpan(Utf8JsonWriter json, TimeSpan value)
    {
        Span<byte> text = stackalloc byte[26];
        Utf8Formatter.TryFormat(value, text, out int written, 'c');
        json.WriteStringValue(text[..written]);
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        for (int i = 0; i < values.Count; i++) json.WriteStringValue(values[i]);
        json.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
