namespace NodeMonitor.Http;

/// <summary>What <see cref="WebView"/> serves and where.</summary>
/// <param name="Address">IP address to bind ("localhost" allowed).</param>
/// <param name="Port">TCP port; 0 picks a free one (tests).</param>
/// <param name="Token">When set, every request needs <c>Authorization: Bearer TOKEN</c> (or <c>?token=TOKEN</c> for a browser).</param>
public sealed record WebViewOptions(string Node, string Address, int Port, string? Token)
{
    /// <summary>Where the dashboard reads silences (with an etcd section configured); null: it does not show them.</summary>
    public DashboardSilences? Silences { get; init; }
}
