namespace Fenghuo.Summaries.Bench;

/// <summary>This process's resident memory from /proc: now, and the peak since the last reset.</summary>
public static class ResidentMemory
{
    /// <summary>Resets the peak (VmHWM) to the current resident size, so a phase's peak is its own.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakMegabytes() => Read("VmHWM:");

    private static double Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0]) / 1024.0;
    }
}
