namespace Fenghuo.Incidents.Bench;

/// <summary>
/// Watches one resource's memory for the whole run. The kernel's VmHWM already is the peak RSS of a
/// process; sampling it keeps the figure even if the process is restarted (or stops) before the end,
/// and notices such a restart, which a benchmark run must not hide.
/// </summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly PlatformProcesses processes;
    private readonly string resource;
    private readonly CancellationTokenSource stop = new();
    private readonly HashSet<int> pids = [];
    private readonly Task sampling;

    public PeakMemory(PlatformProcesses processes, string resource)
    {
        this.processes = processes;
        this.resource = resource;
        Sample();
        sampling = Task.Run(SampleUntilStoppedAsync);
    }

    public string Resource => resource;

    /// <summary>Bytes; null when the process was never found.</summary>
    public long? Peak { get; private set; }

    public long? AtStart { get; private set; }

    /// <summary>More than one means the service was restarted during the run.</summary>
    public int ProcessesSeen => pids.Count;

    /// <summary>Stops sampling after one last sample; the figures stay readable. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        await sampling;
        Sample();
    }

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private void Sample()
    {
        if (processes.PidOf(resource) is not { } pid || PlatformProcesses.MemoryOf(pid) is not { } memory)
        {
            return;
        }

        lock (pids)
        {
            pids.Add(pid);
            AtStart ??= memory.Rss;
            Peak = Math.Max(Peak ?? 0, memory.Peak);
        }
    }
}
