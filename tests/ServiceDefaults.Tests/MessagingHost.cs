using Dapper;
using MassTransit;
using Fenghuo.AppHost;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Fenghuo.ServiceDefaults.Tests;

/// <summary>A real service host — database, migrations, bus, outbox relay — with the probe consumer, as a service would run it.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost host;

    private MessagingHost(IHost host, ServiceDatabase database)
    {
        this.host = host;
        Database = database;
    }

    public ServiceDatabase Database { get; }

    public TenantDatabase Tenants => host.Services.GetRequiredService<TenantDatabase>();

    public Outbox Outbox => host.Services.GetRequiredService<Outbox>();

    public MassTransit.IBus Bus => host.Services.GetRequiredService<MassTransit.IBus>();

    public static async Task<MessagingHost> StartAsync(Testing.PlatformInfrastructure infrastructure, string service)
    {
        var database = await infrastructure.ProvisionAsync(service);
        await using (var owner = new NpgsqlConnection(database.MigrationsConnectionString))
        {
            var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username;
            await owner.ExecuteAsync(ProbeConsumer.CreateTable + $"grant select, insert on probe_effect to \"{app}\";");
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{service}db"] = database.AppConnectionString,
            [$"ConnectionStrings:{service}db-migrations"] = database.MigrationsConnectionString,
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase(service);
        builder.AddServiceMessaging(service, bus => bus.AddIdempotentConsumer<ProbeConsumer>());
        var host = builder.Build();
        await host.StartAsync();
        // The bus starts in the background; until its queues are bound, a published event has nowhere to go.
        await host.Services.GetRequiredService<MassTransit.IBusControl>().WaitForHealthStatus(MassTransit.BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new MessagingHost(host, database);
    }

    public static JurisdictionOnboarded NewEvent(string code = "probe") => new(
        Guid.CreateVersion7(), DateTimeOffset.UtcNow, code, $"shanxi.{code}",
        new JurisdictionState(code, "探针", JurisdictionKind.County, "shanxi", $"shanxi.{code}", JurisdictionStatus.Active, null, 1));

    public Task EnqueueAsync(JurisdictionOnboarded message) =>
        Tenants.InTransactionAsync(TenantScope.None, session => Outbox.EnqueueAsync(session, message), CancellationToken.None);

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

    /// <summary>Polls until the probe has applied the event, or the time is up; returns how many times it was applied.</summary>
    public async Task<int> WaitForEffectAsync(Guid eventId, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var count = await EffectsOfAsync(eventId);
            if (count > 0)
            {
                return count;
            }
            await Task.Delay(100);
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
