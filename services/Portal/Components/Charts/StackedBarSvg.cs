using System.Globalization;
using System.Net;
using System.Text;

namespace Fenghuo.Portal.Components.Charts;

/// <summary>
/// A stacked bar chart drawn on the server as SVG: no script and no chart library, so it renders in
/// any browser, prints, and scales with its container (viewBox). Screen readers get the title and
/// description; the figures themselves are in the table beside it.
/// </summary>
public static class StackedBarSvg
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 48;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 40;

    public static string Render(string id, string title, string description, IReadOnlyList<string> axisLabels, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string unit)
    {
        var totals = Enumerable.Range(0, labels.Count).Select(i => series.Sum(s => s.Values[i])).ToArray();
        var max = NiceMax(totals.DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = labels.Count == 0 ? plotWidth : plotWidth / (double)labels.Count;
        var bar = Math.Max(1, slot * 0.7);
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        double Y(double value) => Top + plotHeight - value / max * plotHeight;
        string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        static string E(string text) => WebUtility.HtmlEncode(text);

        var svg = new StringBuilder();
        svg.Append($"""<svg class="chart-svg" role="img" viewBox="0 0 {Width} {Height}" aria-labelledby="{id}-t" aria-describedby="{id}-d" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append($"""<title id="{id}-t">{E(title)}</title><desc id="{id}-d">{E(description)}</desc>""");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4.0;
            svg.Append($"""<line class="grid" x1="{Left}" x2="{Width - Right}" y1="{N(Y(value))}" y2="{N(Y(value))}"/>""");
            svg.Append($"""<text class="tick" x="{Left - 6}" y="{N(Y(value) + 4)}" text-anchor="end">{N(value)}</text>""");
        }
        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + i * slot + (slot - bar) / 2;
            double stacked = 0;
            foreach (var part in series)
            {
                var value = part.Values[i];
                if (value <= 0)
                {
                    continue;
                }
                svg.Append($"""<rect class="bar" x="{N(x)}" y="{N(Y(stacked + value))}" width="{N(bar)}" height="{N(Y(stacked) - Y(stacked + value))}" fill="{part.Colour}">""");
                svg.Append($"""<title>{E(labels[i])} {E(part.Name)}：{value} {E(unit)}</title></rect>""");
                stacked += value;
            }
            if (i % every == 0)
            {
                svg.Append($"""<text class="axis-label" x="{N(Left + i * slot + slot / 2)}" y="{Height - Bottom + 16}" text-anchor="middle">{E(axisLabels[i])}</text>""");
            }
        }
        svg.Append($"""<line class="axis" x1="{Left}" x2="{Width - Right}" y1="{Top + plotHeight}" y2="{Top + plotHeight}"/>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The axis top: 1, 2 or 5 times a power of ten at or above the largest bar, at least 4 so ticks are whole.</summary>
    private static double NiceMax(long largest)
    {
        if (largest <= 4)
        {
            return 4;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(largest)));
        foreach (var step in new[] { 1, 2, 5, 10 })
        {
            if (step * power >= largest)
            {
                return step * power;
            }
        }
        return 10 * power;
    }
}
