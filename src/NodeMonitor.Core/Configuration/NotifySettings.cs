namespace NodeMonitor.Core.Configuration;

/// <summary>How <c>nodemonitor notify</c> tells people and how long a silence may last: the <c>notify</c> section.</summary>
/// <param name="Webhooks">Generic JSON webhook URLs.</param>
/// <param name="SlackWebhooks">Slack-compatible incoming webhook URLs (<c>{"text": ...}</c>).</param>
/// <param name="HubotUrls">Endpoints of the hubot script's router; they receive the generic JSON with the token.</param>
/// <param name="GroupWindow">Changes within this window become one message per receiver.</param>
/// <param name="MaxNodesPerMessage">A grouped message names at most this many nodes; the rest are counted.</param>
/// <param name="StateFile">Where notify keeps the last revision it handled, what it has told, and undelivered messages;
/// null means <c>notify-state.json</c> in the state directory.</param>
/// <param name="Address">Address the notify HTTP API binds.</param>
/// <param name="Port">Port of the notify HTTP API.</param>
/// <param name="Token">Bearer token of the notify HTTP API (also sent to hubot receivers); null turns the API off.</param>
/// <param name="MaxSilence">A longer silence is refused.</param>
/// <param name="RetryMax">The longest wait between two attempts to reach a receiver.</param>
public sealed record NotifySettings(
    IReadOnlyList<string> Webhooks,
    IReadOnlyList<string> SlackWebhooks,
    IReadOnlyList<string> HubotUrls,
    TimeSpan GroupWindow,
    int MaxNodesPerMessage,
    string? StateFile,
    string Address,
    int Port,
    string? Token,
    TimeSpan MaxSilence,
    TimeSpan RetryMax)
{
    public const int DefaultPort = 9466;

    public static readonly NotifySettings Default = new([], [], [], TimeSpan.FromSeconds(30), 10, null, "127.0.0.1", DefaultPort, null,
        TimeSpan.FromDays(7), TimeSpan.FromMinutes(5));

    /// <summary>The state file, defaulting into <paramref name="stateDirectory"/>.</summary>
    public string StateFileIn(string stateDirectory) => StateFile ?? Path.Combine(stateDirectory, "notify-state.json");

    /// <summary>Checks every receiver URL.</summary>
    /// <exception cref="ConfigurationException">A URL is not an absolute http(s) URL.</exception>
    public void Validate(string? file)
    {
        foreach (var (key, urls) in new[] { ("notify.webhooks", Webhooks), ("notify.slackWebhooks", SlackWebhooks), ("notify.hubotUrls", HubotUrls) })
            foreach (string url in urls)
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new ConfigurationException($"expected an absolute http(s) URL, found \"{url}\"", file, key);
        if (Port is < 1 or > 65535)
            throw new ConfigurationException($"expected a port from 1 to 65535, found {Port}", file, "notify.port");
    }
}
