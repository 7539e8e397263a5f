namespace Fenghuo.Portal.Components.Charts;

/// <summary>One stacked part of every bar: its name in the legend, its colour, and a value per bar.</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<long> Values);
