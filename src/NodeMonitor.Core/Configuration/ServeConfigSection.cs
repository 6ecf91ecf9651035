namespace NodeMonitor.Core.Configuration;

/// <summary>Reads the <c>serve</c> and <c>metrics</c> sections of nodemonitor.json.</summary>
internal static class ServeConfigSection
{
    public static NodeMonitorConfig ApplyServe(NodeMonitorConfig config, ConfigSection root, string key)
    {
        var section = root.GetSection(key);
        if (section is null) return config;
        section.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var serve = config.Serve;
        if (section.GetString("address") is { } address) serve = serve with { Address = address.Trim() };
        if (section.GetInt("port", 1) is { } port) serve = serve with { Port = port };
        if (section.GetString("token") is { } token) serve = serve with { Token = token };
        return config with { Serve = serve };
    }

    public static NodeMonitorConfig ApplyMetrics(NodeMonitorConfig config, ConfigSection root, string key)
    {
        var section = root.GetSection(key);
        if (section is null) return config;
        section.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var metrics = config.Metrics;
        if (section.GetPositiveNumber("rawHours") is { } hours) metrics = metrics with { RawHours = hours };
        if (section.GetPositiveNumber("rollupDays") is { } days) metrics = metrics with { RollupDays = days };
        return config with { Metrics = metrics };
    }
}
