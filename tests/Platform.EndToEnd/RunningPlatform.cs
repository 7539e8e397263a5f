using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// The whole topology as <c>./build.sh run</c> starts it: the AppHost's own resource graph (PostgreSQL,
/// RabbitMQ, databases, services, gateway) through Aspire.Hosting.Testing, in a throwaway data
/// directory, ready once Aspire reports the gateway healthy. Tests reach it through the gateway only.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    public const string DemoPassword = "Fenghuo@dev1";

    /// <summary>ServiceDefaults' Telemetry.ExporterEndpointSetting: the collector a service sends its telemetry to.</summary>
    private const string CollectorSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Generous for a cold start on two shared cores; a platform that is ready sooner is not held back.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly DistributedApplication app;
    private readonly ConcurrentQueue<string> output = new();
    private readonly CancellationTokenSource stopWatching = new();

    private RunningPlatform(DistributedApplication app, string dataDirectory)
    {
        this.app = app;
        DataDirectory = dataDirectory;
    }

    public Uri Gateway { get; private set; } = null!;

    public string DataDirectory { get; }

    /// <summary>What every resource logged, each line prefixed with the resource's name.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <param name="gatewayEnvironment">Settings for the gateway only, such as smaller rate limits.</param>
    /// <param name="startTimeout">How long to wait for the gateway to be healthy; <see cref="StartTimeout"/> unless a tool that measures nothing about the start says otherwise.</param>
    public static async Task<RunningPlatform> StartAsync(IDictionary<string, string>? gatewayEnvironment = null, TimeSpan? startTimeout = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"fenghuo-e2e-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--fresh", "--gateway-port", "0", "--data-dir", dataDirectory]);
        // Resources' health checks fail until each is up: that is the wait, not news. What resources
        // print is kept in Output rather than in every test's log.
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Fenghuo.AppHost.Resources", LogLevel.None));
        // Aspire.Hosting.Testing starts no dashboard, yet still names a collector (OTEL_EXPORTER_OTLP_ENDPOINT)
        // that nothing listens on: every service would record each span and log record, then retry sending
        // them to a closed port. A platform with no collector exports nothing, as ServiceDefaults' Telemetry says.
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove(CollectorSetting));
        }
        var gateway = builder.CreateResourceBuilder<ProjectResource>("gateway");
        foreach (var (name, value) in gatewayEnvironment ?? new Dictionary<string, string>())
        {
            gateway.WithEnvironment(name, value);
        }

        var platform = new RunningPlatform(await builder.BuildAsync(), dataDirectory);
        try
        {
            platform.WatchLogs(builder.Resources.Select(r => r.Name));
            using var timeout = new CancellationTokenSource(startTimeout ?? StartTimeout);
            await platform.app.StartAsync(timeout.Token);
            await platform.app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
            platform.Gateway = platform.app.GetEndpoint("gateway", "http");
            return platform;
        }
        catch (Exception e)
        {
            var tail = string.Join('\n', platform.output.TakeLast(80));
            await platform.DisposeAsync();
            throw new InvalidOperationException($"The platform did not become healthy ({e.Message}). Last output:\n{tail}", e);
        }
    }

    public ValueTask<string?> ConnectionStringAsync(string resource) => app.GetConnectionStringAsync(resource);

    /// <summary>The process Aspire started for a resource, while it runs.</summary>
    public int? ProcessIdOf(string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
        && int.TryParse(pid.ToString(), out var id)
            ? id
            : null;

    /// <summary>One of Aspire's commands on a resource (<see cref="KnownResourceCommands"/>), as the dashboard's buttons run them.</summary>
    public Task<ExecuteCommandResult> CommandAsync(string resource, string command, CancellationToken ct) =>
        app.ResourceCommands.ExecuteCommandAsync(resource, command, ct);

    public Task WaitUntilHealthyAsync(string resource, CancellationToken ct) =>
        app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);

    /// <summary>The URL of a resource's http endpoint, which is what its process was told to listen on.</summary>
    public Uri EndpointOf(string resource) => app.GetEndpoint(resource, "http");

    public async ValueTask DisposeAsync()
    {
        await stopWatching.CancelAsync();
        await app.DisposeAsync();
        stopWatching.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean: it is under /tmp, and PostgreSQL's files belong to the postgres user when run as root.
        }
    }

    private void WatchLogs(IEnumerable<string> resources)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in resources)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopWatching.Token))
                    {
                        foreach (var line in batch)
                        {
                            output.Enqueue($"[{resource}] {line.Content}");
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }
    }
}
