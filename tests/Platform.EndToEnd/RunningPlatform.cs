using System.Collections.Concurrent;
using System.Text.RegularExpressions;
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
public sealed partial class RunningPlatform : IAsyncDisposable
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
    /// <param name="resourceEnvironment">Settings by resource name, applied after the AppHost's own (a tool's ASPNETCORE_ENVIRONMENT wins).</param>
    public static async Task<RunningPlatform> StartAsync(
        IDictionary<string, string>? gatewayEnvironment = null, TimeSpan? startTimeout = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? resourceEnvironment = null)
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

        foreach (var (resource, settings) in resourceEnvironment ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
        {
            var project = builder.CreateResourceBuilder<ProjectResource>(resource);
            foreach (var (name, value) in settings)
            {
                project.WithEnvironment(name, value);
            }
        }

        var platform = new RunningPlatform(await builder.BuildAsync(), dataDirectory);
        try
        {
            platform.WatchLogs();
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

    /// <summary>
    /// Follows every resource instance's log as it appears. A project's log stream is keyed by its instance
    /// name (the resource name with a suffix), not the resource name, so watching by resource name
    /// alone catches only what the AppHost itself writes for a resource, never the services' own output.
    /// </summary>
    private void WatchLogs()
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var watched = new ConcurrentDictionary<string, bool>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in app.ResourceNotifications.WatchAsync(stopWatching.Token))
                {
                    if (watched.TryAdd(change.ResourceId, true))
                    {
                        _ = Follow(logs, change.ResourceId, change.Resource.Name);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private async Task Follow(ResourceLoggerService logs, string instance, string resource)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(instance).WithCancellation(stopWatching.Token))
            {
                foreach (var line in batch)
                {
                    output.Enqueue($"[{resource}] {Colour().Replace(line.Content, "")}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Aspire lets the services colour their console logs (for its dashboard): "\e[41m\e[30mfail\e[39m…: ".
    // Without the escapes a line reads "fail: …", which is what readers of Output look for.
    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Colour();
}
