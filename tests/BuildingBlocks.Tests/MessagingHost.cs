using Dapper;
using Fenghuo.AppHost;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>A real service host — database, migrations, bus, outbox relay — with the probe consumer, as a service would run it.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost host;

    private readonly RelayPauseCounter pauses;

    private MessagingHost(IHost host, ServiceDatabase database, RelayPauseCounter pauses)
    {
        this.host = host;
        this.pauses = pauses;
        Database = database;
    }

    /// <summary>How many times the outbox relay has paused because publishing failed.</summary>
    public int RelayPauses => pauses.Count;

    public ServiceDatabase Database { get; }

    public TenantDatabase Tenants => host.Services.GetRequiredService<TenantDatabase>();

    public Outbox Outbox => host.Services.GetRequiredService<Outbox>();

    public MassTransit.IBus Bus => host.Services.GetRequiredService<MassTransit.IBus>();

    public OutboxWake Wake => host.Services.GetRequiredService<OutboxWake>();

    /// <summary>An event recorded as a batch without BEGIN, the way intake records a report, and the relay woken by <paramref name="wake"/> after the commit.</summary>
    public async Task RecordAndWakeAsync(JurisdictionOnboarded message, OutboxWake wake)
    {
        await using (var batch = Tenants.DataSource.CreateBatch())
        {
            batch.BatchCommands.Add(Outbox.EnqueueCommand(message));
            await batch.ExecuteNonQueryAsync();
        }
        wake.Committed();
    }

    public static async Task<MessagingHost> StartAsync(Testing.PlatformInfrastructure infrastructure, string service)
    {
        var database = await infrastructure.ProvisionAsync(service);
        await using (var owner = new NpgsqlConnection(database.MigrationsConnectionString))
        {
            var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username;
            await owner.ExecuteAsync(ProbeConsumer.CreateTable + $"grant select, insert on probe_effect to \"{app}\";");
        }

        var pauses = new RelayPauseCounter();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{service}db"] = database.AppConnectionString,
            [$"ConnectionStrings:{service}db-migrations"] = database.MigrationsConnectionString,
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Logging.AddProvider(pauses);
        builder.AddServiceDatabase(service);
        builder.AddServiceMessaging(service, bus => bus.AddIdempotentConsumer<ProbeConsumer>());
        var host = builder.Build();
        await host.StartAsync();
        // The bus starts in the background; until its queues are bound, a published event has nowhere to go.
        await host.Services.GetRequiredService<MassTransit.IBusControl>().WaitForHealthStatus(MassTransit.BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new MessagingHost(host, database, pauses);
    }

    public static JurisdictionOnboarded NewEvent(string code = "probe") =>
        new(new JurisdictionState(code, "探针", JurisdictionKind.County, "shanxi", $"shanxi.{code}", JurisdictionStatus.Active, null, 1))
        {
            OccurredAt = DateTimeOffset.UtcNow, TenantCode = code, TenantPath = $"shanxi.{code}",
        };

    public Task EnqueueAsync(JurisdictionOnboarded message) =>
        Tenants.InTransactionAsync(TenantScope.None, session => Outbox.EnqueueAsync(session, message), CancellationToken.None);

    /// <summary>
    /// A backlog: events recorded in one transaction, so the relay finds them all at once, each a
    /// microsecond after the one before it, so "oldest first" has one answer.
    /// </summary>
    public async Task<IReadOnlyList<JurisdictionOnboarded>> EnqueueBacklogAsync(int count)
    {
        var backlog = Enumerable.Range(0, count).Select(_ => NewEvent()).ToList();
        await Tenants.InTransactionAsync(TenantScope.None, async session =>
        {
            foreach (var message in backlog)
            {
                await Outbox.EnqueueAsync(session, message);
            }
            await session.Connection.ExecuteAsync("""
                update outbox set created_at = created_at + r.ord * interval '1 microsecond'
                from unnest(@Ids) with ordinality as r(id, ord) where outbox.id = r.id
                """, new { Ids = backlog.Select(m => m.EventId).ToArray() }, session.Transaction);
        }, CancellationToken.None);
        return backlog;
    }

    /// <summary>Which of the events the outbox has marked sent.</summary>
    public async Task<IReadOnlySet<Guid>> SentAmongAsync(IEnumerable<JurisdictionOnboarded> events)
    {
        await using var connection = new NpgsqlConnection(Database.MigrationsConnectionString);
        return (await connection.QueryAsync<Guid>("select id from outbox where id = any(@Ids) and sent_at is not null",
            new { Ids = events.Select(e => e.EventId).ToArray() })).ToHashSet();
    }

    /// <summary>How many times each of the events was applied, by event.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> EffectsAmongAsync(IEnumerable<JurisdictionOnboarded> events)
    {
        var ids = events.Select(e => e.EventId).ToArray();
        await using var connection = new NpgsqlConnection(Database.MigrationsConnectionString);
        var applied = (await connection.QueryAsync<(Guid EventId, int Count)>(
            "select event_id, count(*)::int from probe_effect where event_id = any(@ids) group by event_id", new { ids })).ToDictionary(r => r.EventId, r => r.Count);
        return ids.ToDictionary(id => id, id => applied.GetValueOrDefault(id));
    }

    /// <summary>The traces the event was applied in, one per application.</summary>
    public async Task<IReadOnlyList<string?>> TracesOfAsync(Guid eventId)
    {
        await using var connection = new NpgsqlConnection(Database.MigrationsConnectionString);
        return (await connection.QueryAsync<string?>("select trace_id from probe_effect where event_id = @eventId", new { eventId })).ToList();
    }

    public async Task<int> EffectsOfAsync(Guid eventId)
    {
        await using var connection = new NpgsqlConnection(Database.MigrationsConnectionString);
        return await connection.ExecuteScalarAsync<int>("select count(*) from probe_effect where event_id = @eventId", new { eventId });
    }

    public async Task<bool> IsSentAsync(Guid eventId)
    {
        await using var connection = new NpgsqlConnection(Database.MigrationsConnectionString);
        return await connection.ExecuteScalarAsync<bool>("select sent_at is not null from outbox where id = @eventId", new { eventId });
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
