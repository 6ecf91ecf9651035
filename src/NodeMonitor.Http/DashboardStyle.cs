namespace NodeMonitor.Http;

/// <summary>The dashboard's stylesheet, inline so the page needs nothing else.</summary>
internal static class DashboardStyle
{
    public const string Css = """
        :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2937; background: #f8fafc; }
        body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; }
        h1 { margin: 0.2rem 0; font-size: 1.6rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
        .summary { margin: 0.3rem 0; color: #374151; }
        code { font-size: 0.9em; }
        a.bundle { margin: 0 0.4rem; font-size: 0.85rem; color: #b91c1c; font-weight: 600; }
        .central { margin: 0.2rem 0; font-size: 0.82rem; color: #6b7280; }
        .central .pending { color: #b45309; font-weight: 600; } .central .error { color: #b91c1c; }
        .silenced { margin: 0.2rem 0 0; font-size: 0.82rem; color: #6d28d9; } .silences-unknown { font-size: 0.85rem; color: #b45309; }
        table.checks { width: 100%; border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px #0001; }
        .checks th, .checks td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
        .checks th { font-size: 0.8rem; color: #6b7280; text-transform: uppercase; letter-spacing: 0.04em; }
        tr.Failed td { background: #fef2f2; }
        td.test { word-break: break-word; }
        pre.message { margin: 0.3rem 0 0; white-space: pre-wrap; font-size: 0.82rem; color: #991b1b; }
        .badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.75rem; font-weight: 600; color: #fff; }
        .badge.Passed { background: #16a34a; } .badge.Failed { background: #dc2626; } .badge.Warning { background: #d97706; }
        .badge.Inconclusive, .badge.Skipped { background: #6b7280; }
        nav.windows { display: flex; gap: 0.8rem; margin-bottom: 0.6rem; } nav.windows b { color: #111827; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 1rem; }
        figure { margin: 0; background: #fff; padding: 0.6rem; box-shadow: 0 1px 2px #0001; }
        figcaption { font-family: ui-monospace, monospace; font-size: 0.85rem; margin-bottom: 0.3rem; }
        svg.chart { width: 100%; height: auto; }
        svg .axis { stroke: #9ca3af; } svg .tick { font-size: 10px; fill: #6b7280; }
        svg .line { fill: none; stroke-width: 1.5; } svg .band { opacity: 0.15; stroke: none; }
        ul.legend { list-style: none; padding: 0; margin: 0.3rem 0 0; font-size: 0.78rem; font-family: ui-monospace, monospace; }
        ul.legend i { display: inline-block; width: 0.7rem; height: 0.7rem; margin-right: 0.3rem; vertical-align: middle; }
        footer { margin-top: 2rem; font-size: 0.8rem; color: #6b7280; }
        """;
}
