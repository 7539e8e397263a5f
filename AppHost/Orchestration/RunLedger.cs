using Fenghuo.AppHost.Resources;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// The processes this run started, kept in a file under the data directory. The children live in
/// their own sessions, so an AppHost that crashed leaves them running; the next run stops them.
/// </summary>
internal sealed class RunLedger(string dataDirectory)
{
    private const string AppHostEntry = "apphost";
    private const string AppHostMarker = "Fenghuo.AppHost";

    private readonly string path = Path.Combine(dataDirectory, "apphost.pids");
    private readonly Dictionary<string, Entry> children = [];
    private readonly Lock gate = new();

    /// <exception cref="InvalidOperationException">Another AppHost is running on the same data directory.</exception>
    public async Task ClaimAsync(ConsoleLog console)
    {
        var previous = File.Exists(path) ? File.ReadAllLines(path).Select(Entry.Parse).OfType<Entry>().ToList() : [];

        if (previous.FirstOrDefault(e => e.Name == AppHostEntry) is { } host
            && host.Pid != Environment.ProcessId
            && host.IsRunning())
        {
            throw new InvalidOperationException(
                $"Another AppHost (pid {host.Pid}) is running with data directory {dataDirectory}; stop it first.");
        }

        foreach (var leftover in previous.Where(e => e.Name != AppHostEntry && e.IsRunning()))
        {
            console.Info($"stopping {leftover.Name} (pid {leftover.Pid}) left over from an earlier run");
            await UnixProcess.StopAsync(leftover.Pid, UnixProcess.SigTerm, TimeSpan.FromSeconds(10));
            UnixProcess.SignalGroup(leftover.Pid, UnixProcess.SigKill);
        }

        lock (gate)
        {
            Save();
        }
    }

    public void Record(string name, int pid, string marker)
    {
        lock (gate)
        {
            children[name] = new Entry(name, pid, marker);
            Save();
        }
    }

    public void Release() => File.Delete(path);

    private void Save()
    {
        IEnumerable<Entry> entries = [new Entry(AppHostEntry, Environment.ProcessId, AppHostMarker), .. children.Values];
        File.WriteAllLines(path, entries.Select(e => $"{e.Name}\t{e.Pid}\t{e.Marker}"));
    }

    /// <param name="Marker">Part of the command line, so a recycled pid is never mistaken for ours.</param>
    private sealed record Entry(string Name, int Pid, string Marker)
    {
        public static Entry? Parse(string line) =>
            line.Split('\t') is [var name, var pid, var marker] && int.TryParse(pid, out var id) ? new Entry(name, id, marker) : null;

        public bool IsRunning() => UnixProcess.IsAlive(Pid) && UnixProcess.CommandLine(Pid).Contains(Marker, StringComparison.Ordinal);
    }
}
