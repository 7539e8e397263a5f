using System.Globalization;

namespace Fenghuo.Summaries.Bench;

/// <summary>
/// CPU seconds of a private PostgreSQL server: the postmaster's children (backends, WAL writer,
/// checkpointer, autovacuum) as /proc shows them. The server serves only the bench, so all of it is
/// what the work measured costs the database.
/// </summary>
public sealed class ServerCpu(string dataDirectory)
{
    // USER_HZ, the unit of /proc/[pid]/stat's times: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private readonly int postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>CPU seconds so far of each process of the server, by pid.</summary>
    public IReadOnlyDictionary<int, double> Sample()
    {
        var seconds = new Dictionary<int, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText($"{directory}/stat");
            }
            catch (IOException)
            {
                continue;
            }
            // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                seconds[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
        }
        return seconds;
    }

    /// <summary>The server's CPU seconds between two samples; a process started in between counts from zero.</summary>
    public static double Between(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after) =>
        after.Sum(p => p.Value - before.GetValueOrDefault(p.Key));
}
