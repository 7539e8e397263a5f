using System.Diagnostics;
using Fenghuo.AppHost.Resources;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>
/// One run: servers, databases, services, gateway, in that order; then supervision until a signal;
/// then everything stopped again in reverse.
/// </summary>
internal sealed class Orchestrator(
    AppHostOptions options,
    string repositoryRoot,
    IReadOnlyDictionary<string, string> hostEnvironment,
    ConsoleLog console)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    private readonly BackingServices backing = new(console);
    private readonly List<ChildProcess> services = [];
    private ChildProcess? gateway;
    private RunLedger? ledger;

    /// <returns>0 after a requested shutdown; 1 when start-up failed.</returns>
    public async Task<int> RunAsync(CancellationToken shutdown)
    {
        var exitCode = 0;
        try
        {
            await StartAsync(shutdown);
            await Task.Delay(Timeout.Infinite, shutdown);
        }
        catch (Exception) when (shutdown.IsCancellationRequested)
        {
            console.Info("shutting down");
        }
        catch (Exception e)
        {
            console.Error(e.Message);
            exitCode = 1;
        }
        finally
        {
            await StopAsync();
        }

        return exitCode;
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(repositoryRoot, ".fenghuo"));
        Directory.CreateDirectory(dataDirectory);
        var claimed = new RunLedger(dataDirectory);
        await claimed.ClaimAsync(console);
        // Only a claimed ledger is released on the way out: the file may belong to another live AppHost.
        ledger = claimed;

        var configuration = BuildConfiguration.Current;
        var missing = Topology.All.Select(r => r.AssemblyPath(repositoryRoot, configuration)).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"not built: {string.Join(", ", missing)}. Build with: dotnet build Platform.sln -c {configuration}");
        }

        var gatewayPort = options.GatewayPort == 0 ? FreePort.Pick() : options.GatewayPort;
        if (!FreePort.IsFree(gatewayPort))
        {
            throw new InvalidOperationException($"port {gatewayPort} is in use; choose another with --gateway-port (0 = any free port).");
        }

        console.Info($"data directory {dataDirectory}{(options.Fresh ? " (fresh)" : "")}");
        await backing.StartAsync(dataDirectory, options.Fresh, hostEnvironment, ct);

        var databases = new Dictionary<string, ServiceDatabase>();
        foreach (var service in Topology.Services)
        {
            var key = service.DatabaseService!;
            databases[key] = await DatabaseProvisioner.ProvisionAsync(backing.PostgresAdminConnectionString, key, ct);
        }

        console.Info($"databases ready: {string.Join(", ", databases.Values.Select(d => d.Name))}");

        var urls = Topology.All.ToDictionary(
            r => r.Name,
            r => $"http://127.0.0.1:{(r.IsGateway ? gatewayPort : FreePort.Pick())}");
        var contract = new EnvironmentContract(
            hostEnvironment, urls, databases, backing.RabbitMqConnectionString, urls[Topology.Gateway.Name], options.DemoPassword);

        services.AddRange(Topology.Services.Select(r => CreateChild(r, urls, contract, configuration)));
        gateway = CreateChild(Topology.Gateway, urls, contract, configuration);

        services.ForEach(s => s.Start());
        await WaitHealthyAsync(services, ct);
        gateway.Start();
        await WaitHealthyAsync([gateway], ct);

        List<ChildProcess> children = [.. services, gateway];
        var rows = backing.Rows().Concat(children.Select(c => new ResourceTable.Row(c.Name, c.Url, c.State.ToString()))).ToList();
        console.Plain(ResourceTable.Render(
            rows, gateway.Url, Path.Combine(repositoryRoot, "deploy", "keycloak", "fenghuo-realm.json"), options.DemoPassword));

        var failed = children.Where(c => c.State != ResourceState.Healthy).Select(c => c.Name).ToList();
        // Test fixtures wait for one of these two lines on stdout.
        console.Plain(failed.Count == 0
            ? $"FENGHUO READY gateway={gateway.Url}"
            : $"FENGHUO FAILED resources={string.Join(',', failed)}");
    }

    private ChildProcess CreateChild(
        ServiceResource resource, IReadOnlyDictionary<string, string> urls, EnvironmentContract contract, string configuration) =>
        new(
            resource,
            resource.AssemblyPath(repositoryRoot, configuration),
            Path.Combine(repositoryRoot, resource.ProjectDirectory),
            urls[resource.Name],
            contract.For(resource),
            options.HealthTimeout,
            ledger!,
            console);

    private async Task WaitHealthyAsync(IReadOnlyList<ChildProcess> children, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var waits = children.Select(async child =>
        {
            var healthy = await child.WaitHealthyAsync(ct);
            console.Info(healthy
                ? $"{child.Name} healthy after {clock.Elapsed.TotalSeconds:0.0}s"
                : $"{child.Name} not healthy after {options.HealthTimeout.TotalSeconds:0}s");
        }).ToList();

        var all = Task.WhenAll(waits);
        while (await Task.WhenAny(all, Task.Delay(ProgressInterval, ct)) != all)
        {
            var pending = children.Where(c => c.State is not (ResourceState.Healthy or ResourceState.Failed)).Select(c => c.Name);
            console.Info($"waiting for {string.Join(", ", pending)} ({clock.Elapsed.TotalSeconds:0}s)");
        }

        await all;
    }

    private async Task StopAsync()
    {
        // Each step runs even if the one before failed: a skipped step would leave servers running.
        try
        {
            // The gateway first, so nothing new comes in while the services go down.
            if (gateway is not null)
            {
                await gateway.StopAsync();
            }

            await Task.WhenAll(services.Select(s => s.StopAsync()));
        }
        finally
        {
            try
            {
                await backing.DisposeAsync();
            }
            finally
            {
                ledger?.Release();
            }
        }

        console.Info("stopped");
    }
}
