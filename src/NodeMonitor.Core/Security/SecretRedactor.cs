using System.Collections;
using System.Text.Json;
using NodeMonitor.Core.Configuration;
using NodeMonitor.Core.Results;

namespace NodeMonitor.Core.Security;

/// <summary>
/// Replaces the values of the settings marked secret in <see cref="ConfigDocumentation"/> (from the loaded
/// configuration and from their NODEMONITOR_* variables) by <see cref="Mask"/> in every text of a run: names,
/// messages, stack traces, output, properties, metric names and labels, plugin errors and captured output.
/// Applied once, before the run is stored, written to result files or reported centrally, so a plugin that prints a
/// secret it got hold of leaks it nowhere NodeMonitor writes.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Shorter values are not redacted: masking every "ab" in every output would destroy results and give away
    /// the value anyway. A secret this short is no secret; <c>nodemonitor validate</c> does not forbid it.</summary>
    public const int MinimumLength = 4;

    /// <summary>Where the loaded configuration keeps each secret setting; a test keeps it in step with the settings table.</summary>
    internal static readonly IReadOnlyDictionary<string, Func<NodeMonitorConfig, string?>> ConfigValues =
        new Dictionary<string, Func<NodeMonitorConfig, string?>>(StringComparer.Ordinal)
        {
            ["serve.token"] = c => c.Serve.Token,
            ["etcd.password"] = c => c.Etcd?.Password,
            ["swift.key"] = c => c.Swift?.Key,
            ["swift.applicationCredentialSecret"] = c => c.Swift?.Keystone?.ApplicationCredentialSecret,
            ["swift.tempUrlKey"] = c => c.Swift?.TempUrlKey,
            ["notify.token"] = c => c.Notify.Token,
        };

    private readonly string[] _secrets;

    private SecretRedactor(IEnumerable<string> secrets) =>
        // Longest first, so a secret that contains another is masked whole.
        _secrets = secrets.Where(s => s.Length >= MinimumLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();

    /// <summary>The secrets of <paramref name="config"/> and of this process's environment.</summary>
    public static SecretRedactor For(NodeMonitorConfig config) =>
        For(config, Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal));

    public static SecretRedactor For(NodeMonitorConfig config, IReadOnlyDictionary<string, string?> environment)
    {
        var values = new List<string>();
        foreach (string key in ConfigDocumentation.SecretKeys)
        {
            if (ConfigValues[key](config) is { } configured) values.Add(configured);
            if (environment.GetValueOrDefault(ConfigDocumentation.EnvFor(key)) is { } variable) values.Add(variable.Trim());
        }
        // Also as they appear inside JSON text (metric properties), when escaping changes them.
        values.AddRange(values.Select(v => JsonEncodedText.Encode(v).ToString()).ToList());
        return new SecretRedactor(values);
    }

    /// <summary>True when there is nothing to redact.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    public string? Redact(string? text)
    {
        if (text is null || IsEmpty) return text;
        foreach (string secret in _secrets) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    public RunResult Redact(RunResult run) => IsEmpty ? run : run with
    {
        Node = Redact(run.Node)!,
        Plugins = run.Plugins.Select(Redact).ToList(),
    };

    private PluginResult Redact(PluginResult plugin) => plugin with
    {
        Name = Redact(plugin.Name)!,
        Error = Redact(plugin.Error),
        RunningTest = Redact(plugin.RunningTest),
        CapturedOutput = Redact(plugin.CapturedOutput),
        Tests = plugin.Tests.Select(Redact).ToList(),
    };

    private TestCaseResult Redact(TestCaseResult test) => test with
    {
        Plugin = Redact(test.Plugin)!,
        Assembly = Redact(test.Assembly)!,
        FullName = Redact(test.FullName)!,
        ClassName = Redact(test.ClassName)!,
        MethodName = Redact(test.MethodName)!,
        Label = Redact(test.Label),
        Site = Redact(test.Site),
        Message = Redact(test.Message),
        StackTrace = Redact(test.StackTrace),
        Output = Redact(test.Output),
        Categories = test.Categories.Select(c => Redact(c)!).ToList(),
        Properties = test.Properties.Select(p => new KeyValuePair<string, string>(Redact(p.Key)!, Redact(p.Value)!)).ToList(),
        Name = Redact(test.Name),
        Suites = test.Suites?.Select(s => s with { Name = Redact(s.Name)!, FullName = Redact(s.FullName)!, ClassName = Redact(s.ClassName) }).ToList(),
        Metrics = test.Metrics.Select(Redact).ToList(),
        RejectedMetrics = test.RejectedMetrics.Select(r => Redact(r)!).ToList(),
    };

    private TestMetric Redact(TestMetric metric) => metric with
    {
        Name = Redact(metric.Name)!,
        Unit = Redact(metric.Unit),
        Labels = metric.Labels.ToDictionary(l => Redact(l.Key)!, l => Redact(l.Value)!, StringComparer.Ordinal),
    };
}
