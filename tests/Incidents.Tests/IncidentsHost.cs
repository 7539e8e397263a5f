using Fenghuo.AppHost;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Tenancy;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// The Incidents service's real Program (found through IncidentsOptions, a type of its assembly):
/// database, migrations, bus, outbox relay, replicas, deadline scheduler and endpoints on real
/// PostgreSQL and RabbitMQ, with a clock the test moves.
/// </summary>
public sealed class IncidentsHost : IAsyncDisposable
{
    private const string ProbeQueue = "incidents-tests-deadline-probe";

    private readonly WebApplicationFactory<IncidentsOptions> factory;

    private IncidentsHost(WebApplicationFactory<IncidentsOptions> factory, ServiceDatabase database, FakeTimeProvider clock)
    {
        this.factory = factory;
        Database = database;
        Clock = clock;
    }

    public ServiceDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    public static async Task<IncidentsHost> StartAsync(Testing.PlatformInfrastructure infrastructure, DateTimeOffset now)
    {
        var database = await infrastructure.ProvisionAsync("incidents");
        var clock = new FakeTimeProvider(now);
        var factory = new WebApplicationFactory<IncidentsOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:incidentsdb", database.AppConnectionString);
            web.UseSetting("ConnectionStrings:incidentsdb-migrations", database.MigrationsConnectionString);
            web.UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMqConnectionString);
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        var host = new IncidentsHost(factory, database, clock);
        var bus = host.Get<IBusControl>();
        // The bus starts in the background; until its queues are bound, a published event has nowhere to go.
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        var probe = bus.ConnectReceiveEndpoint(ProbeQueue, endpoint => endpoint.Consumer<DeadlineProbe>());
        await probe.Ready;
        return host;
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
                    1, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddDays(-30)), $"{name}网络与信息安全事件应急预案", null, plan)
                {
                    OccurredAt = Clock.GetUtcNow(), TenantCode = code, TenantPath = path,
                });
            }
        }, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
