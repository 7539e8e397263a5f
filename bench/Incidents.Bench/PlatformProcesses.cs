using System.Globalization;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// The platform's processes as /proc shows them. Aspire tells each project the URL it listens on
/// (ASPNETCORE_URLS) and where the others are (services__&lt;name&gt;__http__0); the gateway knows every
/// service, so its environment names them all, and the gateway itself is the one listening on the
/// gateway's port. That tells this platform's processes from another platform's on the same machine.
/// </summary>
internal sealed class PlatformProcesses(string? dataDirectory, Uri gateway)
{
    // USER_HZ, the unit of /proc/[pid]/stat's times: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    private const string ServicePrefix = "services__";

    private Dictionary<int, string>? named;

    /// <summary>pid → resource name for the services and gateway, and this benchmark (which hosts the AppHost).</summary>
    public Dictionary<int, string> Named()
    {
        // Looked up once, and again only when a process is gone (a restarted service has a new pid).
        if (named is null || named.Keys.Any(pid => pid != Environment.ProcessId && !File.Exists($"/proc/{pid}/environ")))
        {
            named = LookUp();
        }

        return named;
    }

    public int? PidOf(string resource) => Named().Where(p => p.Value == resource).Select(p => (int?)p.Key).FirstOrDefault();

    private Dictionary<int, string> LookUp()
    {
        var names = new Dictionary<int, string> { [Environment.ProcessId] = "bench" };
        var listening = new Dictionary<int, (int Pid, IReadOnlyDictionary<string, string> Environment)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid)
                && EnvironmentOf(pid) is { } environment
                && environment.GetValueOrDefault("ASPNETCORE_URLS") is { } urls
                && Uri.TryCreate(urls.Split(';')[0], UriKind.Absolute, out var url)
                // Aspire starts each project through `dotnet run`, whose process has the same environment as the
                // service it starts: the service is the one whose parent is the other. Not the higher pid: pids wrap
                // (pid_max is 32,768 here), and a launcher then named the service, whose CPU was counted as "other".
                && !(listening.TryGetValue(url.Port, out var seen) && ParentOf(seen.Pid) == pid))
            {
                listening[url.Port] = (pid, environment);
            }
        }

        if (!listening.TryGetValue(gateway.Port, out var gatewayProcess))
        {
            return names;
        }

        names[gatewayProcess.Pid] = "gateway";
        foreach (var (key, value) in gatewayProcess.Environment)
        {
            if (key.StartsWith(ServicePrefix, StringComparison.Ordinal)
                && key.Split("__") is [_, var service, "http", "0"]
                && Uri.TryCreate(value, UriKind.Absolute, out var url)
                && listening.TryGetValue(url.Port, out var serviceProcess))
            {
                names[serviceProcess.Pid] = service;
            }
        }

        return names;
    }

    private static int? ParentOf(int pid)
    {
        // "pid (comm) state ppid …": comm may hold spaces, so read after its ')'.
        var stat = ReadLines($"/proc/{pid}/stat").FirstOrDefault();
        var close = stat?.LastIndexOf(')') ?? -1;
        return stat is not null && close >= 0
            && stat[(close + 2)..].Split(' ') is [_, var parent, ..]
            && int.TryParse(parent, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    private static Dictionary<string, string>? EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2))
                .Where(v => v.Length == 2)
                .GroupBy(v => v[0])
                .ToDictionary(g => g.Key, g => g.First()[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>VmRSS and VmHWM (the peak RSS since the process started), in bytes; null once it is gone.</summary>
    public static (long Rss, long Peak)? MemoryOf(int pid)
    {
        long? rss = null, peak = null;
        foreach (var line in ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kibibytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kibibytes(line);
            }
        }

        return rss is { } r && peak is { } p ? (r * 1024, p * 1024) : null;
    }

    /// <summary>CPU seconds used so far by every process, by pid, and by the whole machine.</summary>
    public static CpuSnapshot TakeCpuSnapshot()
    {
        var byPid = new Dictionary<int, ProcessCpu>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
            var stat = ReadLines($"{directory}/stat").FirstOrDefault();
            var close = stat?.LastIndexOf(')') ?? -1;
            if (stat is null || close < 0)
            {
                continue;
            }

            var fields = stat[(close + 2)..].Split(' ');
            // fields[i] is field i + 3 of proc(5): ppid 4, utime 14, stime 15, cutime 16, cstime 17, starttime 22.
            if (fields.Length > 19
                && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent)
                && long.TryParse(fields[11], CultureInfo.InvariantCulture, out var user)
                && long.TryParse(fields[12], CultureInfo.InvariantCulture, out var system)
                && long.TryParse(fields[13], CultureInfo.InvariantCulture, out var childrenUser)
                && long.TryParse(fields[14], CultureInfo.InvariantCulture, out var childrenSystem)
                && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var started))
            {
                var command = stat[(stat.IndexOf('(') + 1)..close];
                byPid[pid] = new ProcessCpu(
                    command, parent, (user + system) / TicksPerSecond, started / TicksPerSecond,
                    command == "postgres" ? PostgresDatabaseOf(pid) : null, (childrenUser + childrenSystem) / TicksPerSecond);
            }
        }

        // First line of /proc/stat: "cpu user nice system idle iowait irq softirq steal …", in ticks.
        var machine = ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = machine[3] + machine[4];
        var busy = machine[0] + machine[1] + machine[2] + machine[5] + machine[6] + machine[7];
        var uptime = double.Parse(ReadLines("/proc/uptime").First().Split(' ')[0], CultureInfo.InvariantCulture);
        return new CpuSnapshot(byPid, busy / TicksPerSecond, (busy + idle) / TicksPerSecond, uptime);
    }

    /// <summary>CPU seconds each group (a resource, the bench, kernel threads, other) used between two snapshots.</summary>
    public CpuUse CpuBetween(CpuSnapshot before, CpuSnapshot after)
    {
        var names = Named();
        // Other PostgreSQL and RabbitMQ servers may run on the machine (a test suite, another platform):
        // only the platform's own, found by the pid files in its data directory, count as its.
        var postmaster = PidFromFile("postgres/postmaster.pid");
        var broker = PidFromFile("rabbitmq/rabbitmq.pid");
        bool Under(int? server, int pid, ProcessCpu process) => server is null || pid == server || process.Parent == server;

        var total = after.MachineTotalSeconds - before.MachineTotalSeconds;
        var byGroup = new Dictionary<string, double>();
        var byDatabase = new Dictionary<string, double>();
        foreach (var (pid, process) in after.ByPid)
        {
            // A process born during the phase counts whole; one that died during it is not here (PostgreSQL's are counted
            // below, from the server's reaped children); one that was there before but could not be read then is left out,
            // not counted whole.
            var bornDuring = process.StartedAtSeconds >= before.UptimeSeconds - 1;
            if (!before.ByPid.TryGetValue(pid, out var earlier) && !bornDuring)
            {
                continue;
            }

            var used = process.Seconds - (earlier is not null && !bornDuring ? earlier.Seconds : 0);
            var group = names.GetValueOrDefault(pid) ?? process.Command switch
            {
                // Kernel threads (pid 2, kthreadd, and its children) do the loopback network's and the disk's work.
                _ when pid == 2 || process.Parent == 2 => "kernel threads",
                "postgres" when Under(postmaster, pid, process) => "postgres",
                "beam.smp" or "erl_child_setup" or "inet_gethost" when Under(broker, pid, process) => "rabbitmq",
                _ => "other",
            };
            byGroup[group] = byGroup.GetValueOrDefault(group) + used;
            if (group == "postgres")
            {
                var database = process.Database ?? "server's own processes";
                byDatabase[database] = byDatabase.GetValueOrDefault(database) + used;
            }
        }

        // Autovacuum workers, and connections that closed, come and go within a phase: gone before its end, /proc no
        // longer shows them. The server reaps each, which adds its whole lifetime's CPU to the postmaster's children's
        // time; less what those that were there at the start had used by then, that is their CPU in the phase.
        if (postmaster is { } server && after.ByPid.TryGetValue(server, out var serverAfter) && before.ByPid.TryGetValue(server, out var serverBefore))
        {
            var ended = serverAfter.EndedChildrenSeconds - serverBefore.EndedChildrenSeconds
                - before.ByPid.Where(p => p.Value.Parent == server && !after.ByPid.ContainsKey(p.Key)).Sum(p => p.Value.Seconds);
            if (ended > 0)
            {
                byGroup["postgres"] = byGroup.GetValueOrDefault("postgres") + ended;
                byDatabase[EndedInPhase] = byDatabase.GetValueOrDefault(EndedInPhase) + ended;
            }
        }

        return new CpuUse(byGroup, after.MachineBusySeconds - before.MachineBusySeconds, total, byDatabase);
    }

    /// <summary>PostgreSQL's processes that ended during a phase, which no title tells the database of.</summary>
    public const string EndedInPhase = "processes that ended in the phase (autovacuum workers, closed connections)";

    /// <summary>
    /// The database a PostgreSQL backend or autovacuum worker serves, from the title the server gives it
    /// ("postgres: user database host(port) state", "postgres: autovacuum worker database"); null for the
    /// server's own processes (WAL writer, checkpointer, autovacuum launcher …), whose titles name none.
    /// </summary>
    private static string? PostgresDatabaseOf(int pid)
    {
        var title = ReadLines($"/proc/{pid}/cmdline").FirstOrDefault()?.TrimEnd('\0');
        return title is not null && title.StartsWith("postgres: ", StringComparison.Ordinal)
            ? title["postgres: ".Length..].Split(' ') switch
            {
                ["autovacuum", "worker", var database, ..] => database,
                [_, var database, var host, ..] when host.Contains('(', StringComparison.Ordinal) => database,
                _ => null,
            }
            : null;
    }

    /// <summary>The pid on the first line of a server's pid file under the data directory; null when unknown.</summary>
    private int? PidFromFile(string relativePath) =>
        dataDirectory is not null && int.TryParse(ReadLines(Path.Combine(dataDirectory, relativePath)).FirstOrDefault(), out var pid)
            ? pid
            : null;

    private static long Kibibytes(string statusLine) =>
        long.Parse(statusLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>A process may vanish between listing /proc and reading its files; that reads as empty.</summary>
    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}

/// <param name="MachineBusySeconds">All cores together, from /proc/stat.</param>
/// <param name="UptimeSeconds">When the snapshot was taken, on the clock processes' start times use.</param>
internal sealed record CpuSnapshot(
    IReadOnlyDictionary<int, ProcessCpu> ByPid, double MachineBusySeconds, double MachineTotalSeconds, double UptimeSeconds);

/// <param name="MachineTotalSeconds">Busy and idle, all cores together: the capacity the shares are of.</param>
/// <param name="PostgresByDatabase">The postgres group's seconds by the database each backend serves.</param>
internal sealed record CpuUse(
    IReadOnlyDictionary<string, double> ByGroup, double MachineBusySeconds, double MachineTotalSeconds,
    IReadOnlyDictionary<string, double> PostgresByDatabase)
{
    /// <summary>Groups that are neither the platform nor the benchmark.</summary>
    private static readonly string[] NotPlatform = ["bench", "kernel threads", "other"];

    public double Share(string group) => ByGroup.GetValueOrDefault(group) / MachineTotalSeconds;

    /// <summary>CPU seconds of the platform's own processes: services, gateway, PostgreSQL, RabbitMQ.</summary>
    public double PlatformSeconds => PlatformGroups.Sum(g => g.Value);

    public IEnumerable<KeyValuePair<string, double>> PlatformGroups => ByGroup.Where(g => !NotPlatform.Contains(g.Key));

    public override string ToString()
    {
        var parts = ByGroup.Where(g => g.Value / MachineTotalSeconds >= 0.005).OrderByDescending(g => g.Value)
            .Select(g => $"{g.Key} {g.Value / MachineTotalSeconds:P0}");
        return $"machine busy {MachineBusySeconds / MachineTotalSeconds:P0} of {Environment.ProcessorCount} cores — "
            + $"{string.Join(", ", parts)} (shares of the whole machine)";
    }
}

/// <param name="Seconds">User and system time since the process started.</param>
/// <param name="StartedAtSeconds">When it started, in seconds since boot.</param>
/// <param name="Database">For a PostgreSQL backend, the database it serves.</param>
/// <param name="EndedChildrenSeconds">User and system time of its children that ended and were reaped.</param>
internal sealed record ProcessCpu(string Command, int Parent, double Seconds, double StartedAtSeconds, string? Database, double EndedChildrenSeconds);
