namespace Fenghuo.Summaries.Bench;

/// <summary>This process's resident memory from /proc: now (VmRSS), and the most it ever held (VmHWM).</summary>
public static class ResidentMemory
{
    public static double CurrentMegabytes() => Read("VmRSS:");

    public static double PeakMegabytes() => Read("VmHWM:");

    private static double Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}
