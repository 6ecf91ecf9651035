namespace NodeMonitor.Http;

/// <summary>The chart windows the dashboard offers (<c>?window=6h</c>); an unknown value falls back to 6 hours.</summary>
internal sealed record DashboardWindow(string Name, TimeSpan Span)
{
    public static readonly IReadOnlyList<DashboardWindow> All =
    [
        new("1h", TimeSpan.FromHours(1)),
        new("6h", TimeSpan.FromHours(6)),
        new("24h", TimeSpan.FromHours(24)),
        new("7d", TimeSpan.FromDays(7)),
        new("30d", TimeSpan.FromDays(30)),
    ];

    public static DashboardWindow Parse(string? name) => All.FirstOrDefault(w => w.Name == name) ?? All[1];
}
