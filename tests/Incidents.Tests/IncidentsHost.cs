using Fenghuo.AppHost;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Incidents.Data;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// The Incidents service's own composition — database, migrations, bus, outbox relay, replicas,
/// deadline scheduler — on real PostgreSQL and RabbitMQ, with a clock the test moves.
/// </summary>
public sealed class IncidentsHost : IAsyncDisposable
{
    private readonly IHost host;

    private IncidentsHost(IHost host, ServiceDatabase database, FakeTimeProvider clock)
    {
        this.host = host;
        Database = database;
        Clock = clock;
    }

    public ServiceDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<IncidentsHost> StartAsync(Testing.PlatformInfrastructure infrastructure, DateTimeOffset now)
    {
        var database = await infrastructure.ProvisionAsync("incidents");
        var clock = new FakeTimeProvider(now);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:incidentsdb"] = database.AppConnectionString,
            ["ConnectionStrings:incidentsdb-migrations"] = database.MigrationsConnectionString,
            ["ConnectionStrings:rabbitmq"] = infrastructure.RabbitMqConnectionString,
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceDatabase("incidents", typeof(IncidentsOptions).Assembly);
        builder.AddServiceMessaging("incidents", bus =>
        {
            bus.AddTenantDirectoryReplica().AddPlanRulesReplica();
            bus.AddConsumer<DeadlineProbe>();
        });
        builder.AddIncidentServices();
        var host = builder.Build();
        await host.StartAsync();
        // The bus starts in the background; until its queues are bound, a published event has nowhere to go.
        await host.Services.GetRequiredService<MassTransit.IBusControl>().WaitForHealthStatus(MassTransit.BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new IncidentsHost(host, database, clock);
    }

    /// <summary>The service knowing Jincheng and Yangcheng with plan 002, as the seeded platform would.</summary>
    public static async Task<IncidentsHost> StartWithYangchengAsync(Testing.PlatformInfrastructure infrastructure, DateTimeOffset now)
    {
        var host = await StartAsync(infrastructure, now);
        await host.KnowAsync("jincheng", "晋城市", "shanxi", "shanxi.jincheng", null);
        await host.KnowAsync("yangcheng", "阳城县", "jincheng", Reported.YangchengPath, SeedRules.For("yangcheng"));
        return host;
    }

    /// <summary>Gives the service a tenant and its plan as the Jurisdictions events would.</summary>
    public async Task KnowAsync(string code, string name, string? parentCode, string path, PlanRules? plan)
    {
        var database = Get<TenantDatabase>();
        var state = new JurisdictionState(code, name, JurisdictionKind.County, parentCode, path, JurisdictionStatus.Active, null, 1);
        await database.InTransactionAsync(new TenantScope(code, path), async session =>
        {
            await Get<TenantDirectory>().ApplyAsync(session, state);
            if (plan is not null)
            {
                await Get<PlanRulesReplica>().KeepAsync(session, new PlanPublished(
                    Guid.CreateVersion7(), Clock.GetUtcNow(), code, path, 1, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddDays(-30)),
                    $"{name}网络与信息安全事件应急预案", null, plan));
            }
        }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
