using System.Security.Cryptography;
using System.Text;
using NodeMonitor.Core.Configuration;

namespace NodeMonitor.Notify;

/// <summary>How a receiver wants its messages.</summary>
public enum ReceiverKind
{
    /// <summary>The generic JSON message (<see cref="NotifyMessage"/>).</summary>
    Webhook,

    /// <summary>A Slack-compatible incoming webhook: <c>{"text": ...}</c>.</summary>
    Slack,

    /// <summary>The hubot script's endpoint: the generic JSON with the notify token as a bearer token.</summary>
    Hubot,
}

/// <summary>One place messages go. <see cref="Id"/> is stable for the same URL (the outbox is kept by it) and
/// <see cref="Name"/> shows the host only: a webhook URL often carries its secret in the path.</summary>
public sealed record Receiver(ReceiverKind Kind, string Url, string? Token)
{
    public string Id { get; } = $"{Kind.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Url)))[..12]}";

    public string Name => $"{Kind.ToString().ToLowerInvariant()} {new Uri(Url).GetLeftPart(UriPartial.Authority)}";

    public static IReadOnlyList<Receiver> From(NotifySettings settings) =>
    [
        .. settings.Webhooks.Select(u => new Receiver(ReceiverKind.Webhook, u, null)),
        .. settings.SlackWebhooks.Select(u => new Receiver(ReceiverKind.Slack, u, null)),
        .. settings.HubotUrls.Select(u => new Receiver(ReceiverKind.Hubot, u, settings.Token)),
    ];
}
