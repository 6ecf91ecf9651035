using System.Globalization;
using System.Net;
using System.Text;
using NodeMonitor.Metrics;

namespace NodeMonitor.Http;

/// <summary>
/// One chart as inline SVG, drawn on the server: no script library, no CDN, readable with scripts off. Points are
/// reduced to at most one min/avg/max per pixel column, so a month of data costs the same as an hour.
/// </summary>
internal static class SvgChart
{
    private const int Width = 560, Height = 150, Left = 56, Right = 8, Top = 8, Bottom = 22;
    private static readonly string[] Colours = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"];

    public static string Render(string name, IReadOnlyList<SeriesPoints> series, DateTimeOffset from, DateTimeOffset to)
    {
        var drawn = series.Where(s => s.Points.Count > 0).Take(Colours.Length).ToList();
        var all = drawn.SelectMany(s => s.Points).ToList();
        double min = all.Count == 0 ? 0 : all.Min(p => p.Min), max = all.Count == 0 ? 1 : all.Max(p => p.Max);
        if (max - min < 1e-9) { min -= 0.5; max += 0.5; }
        int plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double X(DateTimeOffset t) => Left + plotWidth * Math.Clamp((t - from) / (to - from), 0, 1);
        double Y(double v) => Top + plotHeight * (1 - (v - min) / (max - min));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" data-metric=\"{Attr(name)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Attr(name)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Top + 8}\" text-anchor=\"end\">{Short(max)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\">{Short(min)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left}\" y=\"{Height - 6}\">{from.ToUniversalTime():MM-dd HH:mm}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\">{to.ToUniversalTime():MM-dd HH:mm} UTC</text>");
        for (int i = 0; i < drawn.Count; i++)
        {
            var columns = Columns(drawn[i].Points, X, plotWidth);
            string colour = Colours[i];
            if (drawn[i].Resolution > TimeSpan.Zero && columns.Count > 1)
            {
                var band = columns.Select(c => $"{F(c.X)},{F(Y(c.Max))}").Concat(columns.AsEnumerable().Reverse().Select(c => $"{F(c.X)},{F(Y(c.Min))}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band\" fill=\"{colour}\" points=\"{string.Join(' ', band)}\"/>");
            }
            var line = columns.Select(c => $"{F(c.X)},{F(Y(c.Avg))}");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" stroke=\"{colour}\" points=\"{string.Join(' ', line)}\"><title>{Html(drawn[i].Series.LabelText)}</title></polyline>");
            if (columns.Count == 1)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(columns[0].X)}\" cy=\"{F(Y(columns[0].Avg))}\" r=\"3\" fill=\"{colour}\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    public static string Colour(int index) => Colours[index % Colours.Length];

    public static int MaxLines => Colours.Length;

    private sealed record Column(double X, double Min, double Avg, double Max);

    private static List<Column> Columns(IReadOnlyList<MetricPoint> points, Func<DateTimeOffset, double> x, int pixels)
    {
        return points
            .GroupBy(p => (int)Math.Round(x(p.Time)))
            .OrderBy(g => g.Key)
            .Select(g => new Column(g.Key, g.Min(p => p.Min), g.Average(p => p.Avg), g.Max(p => p.Max)))
            .Take(pixels + 1)
            .ToList();
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Short(double v) => Math.Abs(v) >= 1e6 || (Math.Abs(v) < 1e-3 && v != 0)
        ? v.ToString("0.##e0", CultureInfo.InvariantCulture)
        : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Attr(string s) => WebUtility.HtmlEncode(s);

    private static string Html(string s) => WebUtility.HtmlEncode(s);
}
