using Fenghuo.AppHost.Resources;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// One supervised service: `dotnet &lt;dll&gt;` with its lines echoed under its name, restarted with
/// exponential backoff when it exits on its own (same port, same environment), and stopped as a
/// whole process group.
/// </summary>
internal sealed class ChildProcess(
    ServiceResource resource,
    string assemblyPath,
    string workingDirectory,
    string url,
    IReadOnlyDictionary<string, string?> environment,
    TimeSpan healthTimeout,
    RunLedger ledger,
    ConsoleLog console)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private ProcessGroup? current;
    private Task supervision = Task.CompletedTask;
    private DateTime? healthySince;

    public string Name => resource.Name;

    public string Url => url;

    public ResourceState State { get; private set; } = ResourceState.Starting;

    public void Start() => supervision = Task.Run(SuperviseAsync);

    public async Task<bool> WaitHealthyAsync(CancellationToken ct)
    {
        var healthy = await HealthWaiter.WaitAsync(url, healthTimeout, ct);
        if (healthy)
        {
            healthySince ??= DateTime.UtcNow;
            State = ResourceState.Healthy;
        }
        else
        {
            State = ResourceState.Failed;
        }

        return healthy;
    }

    public async Task StopAsync()
    {
        ProcessGroup? running;
        lock (gate)
        {
            stopping.Cancel();
            running = current;
        }

        if (running is not null)
        {
            await running.StopAsync(UnixProcess.SigTerm, StopGrace);
        }

        await supervision;
        State = ResourceState.Stopped;
    }

    private async Task SuperviseAsync()
    {
        var restarts = 0;
        while (true)
        {
            ProcessGroup process;
            lock (gate)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    process = ProcessGroup.Start("dotnet", [assemblyPath], workingDirectory, environment, line => console.Resource(Name, line));
                }
                catch (Exception e)
                {
                    State = ResourceState.Failed;
                    console.Error($"{Name} could not be started: {e.Message}");
                    return;
                }

                current = process;
            }

            ledger.Record(Name, process.Id, assemblyPath);
            State = ResourceState.Running;
            if (restarts > 0)
            {
                _ = ReportRecoveryAsync(process);
            }

            await process.WaitForExitAsync();
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (healthySince is { } since && DateTime.UtcNow - since >= StableAfter)
            {
                restarts = 0;
            }

            healthySince = null;
            State = ResourceState.Restarting;
            var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, restarts), MaxBackoff.TotalSeconds));
            restarts++;
            console.Info($"{Name} exited with code {process.ExitCode}; restarting in {delay.TotalSeconds:0}s");
            try
            {
                await Task.Delay(delay, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReportRecoveryAsync(ProcessGroup process)
    {
        // Watching ends with this instance: a later instance gets a watcher of its own.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var healthy = WaitHealthyAsync(watching.Token);
        if (await Task.WhenAny(healthy, process.WaitForExitAsync()) != healthy)
        {
            await watching.CancelAsync();
        }

        try
        {
            console.Info(await healthy
                ? $"{Name} is healthy again"
                : $"{Name} did not become healthy within {healthTimeout.TotalSeconds:0}s");
        }
        catch (OperationCanceledException)
        {
        }
    }
}
