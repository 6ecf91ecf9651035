using System.Buffers;
using System.Text;
using System.Text.Json;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Core.Reporting.Central;

/// <summary>Reads the <c>etcd</c>, <c>swift</c> and <c>report</c> sections of nodemonitor.json (entries of
/// <see cref="ConfigLoader"/>'s section registry). No section: that service is not used.</summary>
internal static class CentralConfigSections
{
    public static NodeMonitorConfig ApplyEtcd(NodeMonitorConfig config, ConfigSection root, string key)
    {
        if (root.GetSection(key) is not { } s) return config;
        s.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var endpoints = s.GetStringArray("endpoints");
        if (endpoints is null || endpoints.Count == 0 || endpoints.Any(string.IsNullOrWhiteSpace))
            throw s.Error("endpoints", "expected a non-empty array of endpoints such as \"http://127.0.0.1:2379\"");
        string prefix = s.GetString("prefix") ?? EtcdSettings.DefaultPrefix;
        if (!prefix.StartsWith('/')) throw s.Error("prefix", "expected a key prefix starting with '/'");
        if (s.Has("username") != s.Has("password")) throw s.Error(s.Has("username") ? "password" : "username", "username and password go together");
        return config with
        {
            Etcd = new EtcdSettings(endpoints)
            {
                Prefix = prefix.EndsWith('/') ? prefix : prefix + "/",
                Username = s.GetString("username"),
                Password = s.GetString("password"),
                CaFile = FilePath(s, "caFile"),
                CertFile = FilePath(s, "certFile"),
                KeyFile = FilePath(s, "keyFile"),
                Deadline = s.GetPositiveNumber("deadlineSeconds") is { } d ? TimeSpan.FromSeconds(d) : EtcdSettings.DefaultDeadline,
            },
        };
    }

    public static NodeMonitorConfig ApplySwift(NodeMonitorConfig config, ConfigSection root, string key)
    {
        if (root.GetSection(key) is not { } s) return config;
        s.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        string authUrl = SwiftConfigRules.Required(s, "authUrl");
        if (!Uri.TryCreate(authUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw s.Error("authUrl", $"expected an absolute http(s) URL, found \"{authUrl}\"");
        var version = SwiftConfigRules.AuthVersion(s) ?? SwiftSettings.InferAuthVersion(authUrl);
        if (version == SwiftAuthVersion.V1) SwiftConfigRules.RejectKeystoneKeys(s);
        var swift = version == SwiftAuthVersion.V1
            ? new SwiftSettings(authUrl, SwiftConfigRules.Required(s, "user"), SwiftConfigRules.Optional(s, "key"))
            : SwiftConfigRules.KeystoneV3(s, authUrl);
        swift = swift with
        {
            Container = s.GetString("container") ?? SwiftSettings.DefaultContainer,
            TempUrlKey = SwiftConfigRules.Optional(s, "tempUrlKey"),
        };
        if (s.GetPositiveNumber("tempUrlSeconds") is { } t) swift = swift with { TempUrlLifetime = TimeSpan.FromSeconds(t) };
        if (s.GetPositiveNumber("deleteAfterDays") is { } days) swift = swift with { DeleteAfter = TimeSpan.FromDays(days) };
        if (s.GetPositiveNumber("deadlineSeconds") is { } dl) swift = swift with { Deadline = TimeSpan.FromSeconds(dl) };
        return config with { Swift = swift };
    }

    public static NodeMonitorConfig ApplyReport(NodeMonitorConfig config, ConfigSection root, string key)
    {
        if (root.GetSection(key) is not { } s) return config;
        s.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var report = config.Report;
        if (s.GetPositiveNumber("budgetSeconds") is { } b) report = report with { Budget = TimeSpan.FromSeconds(b) };
        if (s.GetPositiveNumber("refreshMinutes") is { } r) report = report with { Refresh = TimeSpan.FromMinutes(r) };
        if (s.GetPositiveNumber("syncHours") is { } h) report = report with { SyncInterval = TimeSpan.FromHours(h) };
        if (s.GetInt("heartbeatMinutes", 0) is { } m) report = report with { HeartbeatInterval = TimeSpan.FromMinutes(m) };
        if (s.GetPositiveNumber("runIntervalSeconds") is { } run)
        {
            if (run < 1) throw s.Error("runIntervalSeconds", $"expected at least 1 second, found {run}");
            report = report with { RunInterval = TimeSpan.FromSeconds(run) };
        }
        return config with { Report = report };
    }

    /// <summary>A file named relative to the config file; checked now so a typo is a configuration error before the run,
    /// not a warning after it.</summary>
    private static string? FilePath(ConfigSection s, string key)
    {
        if (s.GetString(key) is not { } v) return null;
        // Values from the environment overlay have no file: they are relative to the working directory.
        string baseDirectory = Path.GetDirectoryName(s.File) is { Length: > 0 } d && Path.IsPathFullyQualified(d) ? d : Environment.CurrentDirectory;
        string path = Path.GetFullPath(v, baseDirectory);
        return File.Exists(path) ? path : throw s.Error(key, $"file not found: {path}");
    }
}

/// <summary>NODEMONITOR_ETCD_*, NODEMONITOR_SWIFT_*, NODEMONITOR_REPORT_* over the file, as a JSON overlay read by the same
/// strict section readers, so a secret can come from the environment (systemd credentials) instead of the file.</summary>
internal static class CentralEnvironment
{
    public static NodeMonitorConfig Apply(NodeMonitorConfig config, IReadOnlyDictionary<string, string?> environment)
    {
        config = Overlay(config, environment);
        if (config.Swift is { } swift) SwiftConfigRules.RequireSecret(swift, config.SourceFile);
        return config;
    }

    private static NodeMonitorConfig Overlay(NodeMonitorConfig config, IReadOnlyDictionary<string, string?> environment)
    {
        var sections = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        foreach (var (key, env, _, _) in CentralConfigDocumentation.Rows)
        {
            if (!environment.TryGetValue(env, out string? text) || string.IsNullOrWhiteSpace(text)) continue;
            string[] parts = key.Split('.');
            object value = key == "etcd.endpoints" ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : parts[1].EndsWith("Seconds", StringComparison.Ordinal) || parts[1].EndsWith("Days", StringComparison.Ordinal)
                  || parts[1].EndsWith("Minutes", StringComparison.Ordinal) || parts[1].EndsWith("Hours", StringComparison.Ordinal)
                    ? Number(env, text) : text.Trim();
            if (!sections.TryGetValue(parts[0], out var section)) sections[parts[0]] = section = [];
            section[parts[1]] = value;
        }
        if (sections.Count == 0) return config;
        // Keep what the file set: start from it and let the environment replace single keys.
        var overlay = ConfigSection.Parse(SectionsJson(Merge(config, sections)), "environment");
        config = CentralConfigSections.ApplyEtcd(config, overlay, "etcd");
        config = CentralConfigSections.ApplySwift(config, overlay, "swift");
        return CentralConfigSections.ApplyReport(config, overlay, "report");
    }

    private static Dictionary<string, Dictionary<string, object>> Merge(NodeMonitorConfig config,
        Dictionary<string, Dictionary<string, object>> sections)
    {
        if (sections.TryGetValue("etcd", out var etcd) && config.Etcd is { } e)
        {
            etcd.TryAdd("endpoints", e.Endpoints);
            etcd.TryAdd("prefix", e.Prefix);
            if (e.Username is not null) etcd.TryAdd("username", e.Username);
            if (e.Password is not null) etcd.TryAdd("password", e.Password);
            if (e.CaFile is not null) etcd.TryAdd("caFile", e.CaFile);
            if (e.CertFile is not null) etcd.TryAdd("certFile", e.CertFile);
            if (e.KeyFile is not null) etcd.TryAdd("keyFile", e.KeyFile);
            etcd.TryAdd("deadlineSeconds", e.Deadline.TotalSeconds);
        }
        if (sections.TryGetValue("swift", out var swift) && config.Swift is { } s)
        {
            foreach (var (name, value) in SwiftConfigRules.AsKeys(s)) swift.TryAdd(name, value);
        }
        return sections;
    }

    /// <summary>The sections as a JSON object of objects, each value a string, a number or an array of strings: written as
    /// the serializer writes such dictionaries with its defaults (keys as they are, nothing indented), without reflection.</summary>
    internal static string SectionsJson(Dictionary<string, Dictionary<string, object>> sections)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, keys) in sections)
            {
                writer.WriteStartObject(name);
                foreach (var (key, value) in keys)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case IEnumerable<string> texts:
                writer.WriteStartArray();
                foreach (string text in texts) writer.WriteStringValue(text);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"a configuration value of type {value.GetType().Name} has no JSON form here", nameof(value));
        }
    }

    private static double Number(string env, string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v)
            ? v : throw new ConfigurationException($"expected a number, found \"{text}\"", "environment", env);
}
