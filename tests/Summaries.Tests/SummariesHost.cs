using Microsoft.Extensions.Logging;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Summaries.Apis;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Domain;
using Fenghuo.Testing;
using Dapper;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fenghuo.Summaries.Tests;

/// <summary>
/// The Summaries service's real Program on real PostgreSQL and RabbitMQ, with a clock the test
/// moves. Tests publish the other services' events on the bus, as those services would.
/// </summary>
public sealed class SummariesHost : IAsyncDisposable
{
    public static readonly (string Code, string Name, string? Parent, string Path)[] Tree =
    [
        ("shanxi", "山西省", null, "shanxi"),
        ("jincheng", "晋城市", "shanxi", "shanxi.jincheng"),
        ("yangcheng", "阳城县", "jincheng", "shanxi.jincheng.yangcheng"),
        ("chengqu", "城区", "jincheng", "shanxi.jincheng.chengqu"),
        ("jincheng_energy", "晋城市能源局", "jincheng", "shanxi.jincheng.jincheng_energy"),
        ("xinzhou", "忻州市", "shanxi", "shanxi.xinzhou"),
    ];

    private readonly WebApplicationFactory<SummariesOptions> factory;

    private readonly string adminConnectionString;

    private SummariesHost(WebApplicationFactory<SummariesOptions> factory, FakeTimeProvider clock, string adminConnectionString)
    {
        this.factory = factory;
        Clock = clock;
        this.adminConnectionString = adminConnectionString;
    }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    /// <summary>The database as its owner, for what a test does to it from outside the service.</summary>
    public string AdminConnectionString => adminConnectionString;

    /// <param name="recordingWait">How long a recorder waits for more events after the first (the service's default otherwise).</param>
    /// <param name="logs">Where the service's log lines go besides its console, with their scopes.</param>
    public static async Task<SummariesHost> StartAsync(
        PlatformInfrastructure infrastructure, DateTimeOffset now, TimeSpan? recordingWait = null, ILoggerProvider? logs = null)
    {
        var database = await infrastructure.ProvisionAsync("summaries");
        var clock = new FakeTimeProvider(now);
        var factory = new WebApplicationFactory<SummariesOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:summariesdb", database.AppConnectionString);
            web.UseSetting("ConnectionStrings:summariesdb-migrations", database.MigrationsConnectionString);
            web.UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMqConnectionString);
            if (recordingWait is { } wait)
            {
                web.UseSetting($"{SummariesOptions.Section}:{nameof(SummariesOptions.RecordingWait)}", wait.ToString("c"));
            }
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
            if (logs is not null)
            {
                web.ConfigureLogging(logging => logging.AddProvider(logs));
            }
        });
        var admin = new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = database.Name }.ConnectionString;
        var host = new SummariesHost(factory, clock, admin);
        await host.Get<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        // The database outlives one test: each starts from an empty log and read model.
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync("""
                truncate event_log, inbox, s_tenant, s_incident, s_clock, s_warning, s_plan, s_drill, s_incident_tally, s_clock_tally;
                update projection_state set generation = 1, rebuilding = null
                """);
        }
        await host.PublishAsync(new JurisdictionsSnapshotPublished(Tree.Select(t =>
            new JurisdictionState(t.Code, t.Name, JurisdictionKind.County, t.Parent, t.Path, JurisdictionStatus.Active, null, 1)).ToList()));
        return host;
    }

    public Task PublishAsync<T>(T message) where T : class => Get<IBus>().Publish(message);

    /// <summary>Publishes <paramref name="message"/> as the message <paramref name="messageId"/>: twice with the same id is a redelivery.</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class => Get<IBus>().Publish(message, context => context.MessageId = messageId);

    public static TenantScope Scope(string code) => new(code, Tree.Single(t => t.Code == code).Path);

    /// <summary>A report as Incidents publishes it: now, in the tenant's scope, its report upward due in an hour.</summary>
    public IncidentReported Reported(string tenant, Grade grade = Grade.General, bool drill = false) =>
        new(1, grade, "network_attack", null, Clock.GetUtcNow().AddMinutes(-30), $"{tenant}.reporter")
        {
            OccurredAt = Clock.GetUtcNow(), TenantCode = tenant, TenantPath = Scope(tenant).Path,
            IncidentId = Guid.CreateVersion7(), Number = $"{tenant}-{Guid.NewGuid():N}"[..20], Exercise = drill,
            ReportUpwardDueAt = Clock.GetUtcNow().AddHours(1),
        };

    /// <summary>
    /// The overview as the API reads it for a caller of <paramref name="caller"/>, rooted at <paramref name="root"/>; null where the root is not visible.
    /// By default the period runs from the start of the year to a day from now, a timestamp, so its last day is read from the rows and the rest from the tallies.
    /// </summary>
    public async Task<OverviewView?> OverviewAsync(string caller, string? root = null, Period? over = null)
    {
        var scope = Scope(caller);
        var now = Clock.GetUtcNow();
        var period = over ?? Period.ThisYear(now) with { To = now.AddDays(1) };
        var cover = TallyCover.Of(period);
        var store = Get<OverviewStore>();
        return await Get<TenantDatabase>().InTransactionAsync(scope, async session =>
        {
            var path = await store.PathOfAsync(session, root ?? caller);
            if (path is null)
            {
                return null;
            }
            var rows = await store.ReadAsync(session, path, period, cover, now, period.From, period.To, 10);
            return Overview.Build(rows, root ?? caller, period, cover, now);
        }, CancellationToken.None);
    }

    /// <summary>Every tally row of the generation in force, as text, in one order: what the overview reads.</summary>
    public async Task<IReadOnlyList<string>> TalliesAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        return (await connection.QueryAsync<string>("""
            select concat_ws(' ', 'incident', tenant_code, tenant_path, span, bucket, real, drills, counts, ack_minutes) from s_incident_tally
            where generation = (select generation from projection_state) and (real <> 0 or drills <> 0 or counts <> '{}' or ack_minutes <> '{}')
            union all
            select concat_ws(' ', 'clock', tenant_code, tenant_path, span, bucket, kind, met, late_minutes) from s_clock_tally
            where generation = (select generation from projection_state) and (met <> 0 or late_minutes <> '{}')
            order by 1
            """)).AsList();
    }

    /// <summary>Recomputes the tallies of the generation in force from its rows in one pass (as the bench does after its bulk load).</summary>
    public async Task RetallyAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.ExecuteAsync("select s_retally((select generation from projection_state))");
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
