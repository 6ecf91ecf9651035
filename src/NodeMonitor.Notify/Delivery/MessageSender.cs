using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace NodeMonitor.Notify;

/// <summary>What became of one attempt.</summary>
public enum SendOutcome
{
    Delivered,

    /// <summary>Worth another attempt: no answer, a 5xx, 408 or 429.</summary>
    RetryLater,

    /// <summary>The receiver refused the message itself (another 4xx); sending it again would not help.</summary>
    Rejected,
}

/// <summary>One HTTP POST of a message to a receiver, in the receiver's format, bounded by <see cref="Timeout"/>. The
/// message id goes in an <c>Idempotency-Key</c> header so a receiver can drop a repeat.</summary>
public sealed class MessageSender(HttpClient http)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<(SendOutcome Outcome, string Detail)> SendAsync(Receiver receiver, NotifyMessage message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url)
        {
            Content = receiver.Kind == ReceiverKind.Slack
                ? JsonContent.Create(new SlackMessage(message.Text), ReceiverJson.Default.SlackMessage)
                : JsonContent.Create(message, ReceiverJson.Default.NotifyMessage),
        };
        request.Headers.Add("Idempotency-Key", message.Id);
        if (receiver.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (SendOutcome.Delivered, $"{status}")
                : status is >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests ? (SendOutcome.RetryLater, $"HTTP {status}")
                : (SendOutcome.Rejected, $"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (SendOutcome.RetryLater, e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message);
        }
    }
}
