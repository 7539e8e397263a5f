namespace Fenghuo.Incidents.Bench;

/// <summary>Measured durations in milliseconds, with nearest-rank percentiles (no interpolation: every figure was observed).</summary>
internal sealed class Latencies
{
    private readonly double[] sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        sorted = [.. milliseconds];
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double Percentile(double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
