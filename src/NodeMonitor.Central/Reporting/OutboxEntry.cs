using NodeMonitor.Core.Reporting.Central;
namespace NodeMonitor.Central;

public enum ReportKind
{
    /// <summary>Upload the bundle, then write the failure record.</summary>
    Failure,

    /// <summary>Delete the failure record.</summary>
    Recovery,
}

/// <summary>One spooled report, delivered in id order.</summary>
/// <param name="Bundle">The failure bundle (null for a recovery).</param>
/// <param name="State">The failure state the record is built from (null for a recovery).</param>
public sealed record OutboxEntry(long Id, ReportKind Kind, string RunId, string? Signature, DateTimeOffset CreatedAt,
    FailureState? State, FailureBundle? Bundle);

/// <summary>What the centre was told, for <c>nodemonitor status</c>.</summary>
/// <param name="IntendedSignature">The failure signature of the newest report (null: the node is healthy centrally).</param>
/// <param name="DeliveredSignature">The signature the centre holds now, as far as this node knows.</param>
/// <param name="PendingSince">When the oldest undelivered report was made; null when nothing waits.</param>
/// <param name="LastError">Why the last attempt failed; null after a success.</param>
public sealed record DeliveryStatus(
    string? IntendedSignature,
    DateTimeOffset? IntendedAt,
    string? DeliveredSignature,
    DateTimeOffset? DeliveredAt,
    int Pending,
    DateTimeOffset? PendingSince,
    DateTimeOffset? LastAttemptAt,
    string? LastError);
