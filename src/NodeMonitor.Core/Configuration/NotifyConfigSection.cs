namespace NodeMonitor.Core.Configuration;

/// <summary>Reads the <c>notify</c> section of nodemonitor.json and its NODEMONITOR_NOTIFY_* variables.</summary>
internal static class NotifyConfigSection
{
    public static IReadOnlyList<(string Key, string Env, string Default, string Meaning)> Rows { get; } =
    [
        ("notify.webhooks", "NODEMONITOR_NOTIFY_WEBHOOKS", "none", "URLs that `nodemonitor notify` POSTs its generic JSON messages to (environment: comma-separated)."),
        ("notify.slackWebhooks", "NODEMONITOR_NOTIFY_SLACK_WEBHOOKS", "none", "Slack-compatible incoming webhook URLs (environment: comma-separated)."),
        ("notify.hubotUrls", "NODEMONITOR_NOTIFY_HUBOT_URLS", "none", "Endpoints of the hubot script (`.../nodemonitor/notify`); they get the generic JSON with notify.token (environment: comma-separated)."),
        ("notify.groupWindowSeconds", "NODEMONITOR_NOTIFY_GROUP_WINDOW_SECONDS", "30", "Changes within this window become one message per receiver (seconds, > 0)."),
        ("notify.maxNodesPerMessage", "NODEMONITOR_NOTIFY_MAX_NODES_PER_MESSAGE", "10", "A grouped message names at most this many nodes; the others are counted (at least 1)."),
        ("notify.stateFile", "NODEMONITOR_NOTIFY_STATE_FILE", "<stateDirectory>/notify-state.json", "Last etcd revision notify handled, what it has told, and messages not yet delivered."),
        ("notify.address", "NODEMONITOR_NOTIFY_ADDRESS", "127.0.0.1", "Address of notify's HTTP API (`/api/v1/failures`, `/api/v1/silences`)."),
        ("notify.port", "NODEMONITOR_NOTIFY_PORT", "9466", "TCP port of notify's HTTP API."),
        ("notify.token", "NODEMONITOR_NOTIFY_TOKEN", "none (API off)", "Secret. Bearer token of notify's HTTP API; also sent to hubot receivers."),
        ("notify.maxSilenceDays", "NODEMONITOR_NOTIFY_MAX_SILENCE_DAYS", "7", "A silence longer than this is refused (days, > 0)."),
        ("notify.retryMaxSeconds", "NODEMONITOR_NOTIFY_RETRY_MAX_SECONDS", "300", "Longest wait between two attempts to reach a receiver (seconds, > 0)."),
    ];

    public static NodeMonitorConfig Apply(NodeMonitorConfig config, ConfigSection root, string key)
    {
        if (root.GetSection(key) is not { } s) return config;
        s.RejectUnknownKeys(ConfigDocumentation.KeysUnder(key));
        var n = config.Notify;
        if (s.GetStringArray("webhooks") is { } webhooks) n = n with { Webhooks = webhooks };
        if (s.GetStringArray("slackWebhooks") is { } slack) n = n with { SlackWebhooks = slack };
        if (s.GetStringArray("hubotUrls") is { } hubot) n = n with { HubotUrls = hubot };
        if (s.GetPositiveNumber("groupWindowSeconds") is { } window) n = n with { GroupWindow = TimeSpan.FromSeconds(window) };
        if (s.GetInt("maxNodesPerMessage", 1) is { } max) n = n with { MaxNodesPerMessage = max };
        if (s.GetString("stateFile") is { } file)
            n = n with { StateFile = Path.GetFullPath(file, Path.GetDirectoryName(s.File) is { Length: > 0 } d && Path.IsPathFullyQualified(d) ? d : Environment.CurrentDirectory) };
        if (s.GetString("address") is { } address) n = n with { Address = address.Trim() };
        if (s.GetInt("port", 1) is { } port) n = n with { Port = port };
        if (s.GetString("token") is { } token) n = n with { Token = token };
        if (s.GetPositiveNumber("maxSilenceDays") is { } days) n = n with { MaxSilence = TimeSpan.FromDays(days) };
        if (s.GetPositiveNumber("retryMaxSeconds") is { } retry) n = n with { RetryMax = TimeSpan.FromSeconds(retry) };
        return config with { Notify = n };
    }

    public static NodeMonitorConfig ApplyEnvironment(NodeMonitorConfig config, Func<string, string?> text, Func<string, double?> positive,
        Func<string, int, int?> integer)
    {
        var n = config.Notify;
        if (text("notify.webhooks") is { } webhooks) n = n with { Webhooks = List(webhooks) };
        if (text("notify.slackWebhooks") is { } slack) n = n with { SlackWebhooks = List(slack) };
        if (text("notify.hubotUrls") is { } hubot) n = n with { HubotUrls = List(hubot) };
        if (positive("notify.groupWindowSeconds") is { } window) n = n with { GroupWindow = TimeSpan.FromSeconds(window) };
        if (integer("notify.maxNodesPerMessage", 1) is { } max) n = n with { MaxNodesPerMessage = max };
        if (text("notify.stateFile") is { } file) n = n with { StateFile = Path.GetFullPath(file) };
        if (text("notify.address") is { } address) n = n with { Address = address };
        if (integer("notify.port", 1) is { } port) n = n with { Port = port };
        if (text("notify.token") is { } token) n = n with { Token = token };
        if (positive("notify.maxSilenceDays") is { } days) n = n with { MaxSilence = TimeSpan.FromDays(days) };
        if (positive("notify.retryMaxSeconds") is { } retry) n = n with { RetryMax = TimeSpan.FromSeconds(retry) };
        return config with { Notify = n };
    }

    private static IReadOnlyList<string> List(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
