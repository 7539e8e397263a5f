using System.Security.Claims;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fenghuo.Exercises.Tests;

/// <summary>
/// The Exercises service's real Program (found through ExercisesOptions, a type of its assembly):
/// database, migrations, bus, outbox relay, replicas, schedulers and endpoints on real PostgreSQL
/// and RabbitMQ, with a clock the test moves, knowing the seeded tree and plans as the Jurisdictions
/// events would have told it.
/// </summary>
public sealed class ExercisesHost : IAsyncDisposable
{
    private static readonly (string Code, string Name, string? Parent, string Path, string? Division)[] Tree =
    [
        ("shanxi", "山西省", null, "shanxi", "140000"),
        ("jincheng", "晋城市", "shanxi", "shanxi.jincheng", "140500"),
        ("yangcheng", "阳城县", "jincheng", "shanxi.jincheng.yangcheng", "140522"),
        ("chengqu", "城区", "jincheng", "shanxi.jincheng.chengqu", "140502"),
        ("jincheng_energy", "晋城市能源局", "jincheng", "shanxi.jincheng.jincheng_energy", null),
        ("xinzhou", "忻州市", "shanxi", "shanxi.xinzhou", "140900"),
        ("xinzhou_edz", "忻州经济开发区", "xinzhou", "shanxi.xinzhou.xinzhou_edz", null),
    ];

    private static readonly string[] Planned = ["jincheng", "yangcheng", "chengqu", "jincheng_energy", "xinzhou_edz"];

    private readonly WebApplicationFactory<ExercisesOptions> factory;
    private readonly string adminConnectionString;

    private ExercisesHost(WebApplicationFactory<ExercisesOptions> factory, FakeTimeProvider clock, string adminConnectionString)
    {
        this.factory = factory;
        this.adminConnectionString = adminConnectionString;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    public static async Task<ExercisesHost> StartAsync(Testing.PlatformInfrastructure infrastructure, DateTimeOffset now)
    {
        var database = await infrastructure.ProvisionAsync("exercises");
        var clock = new FakeTimeProvider(now);
        var factory = new WebApplicationFactory<ExercisesOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:exercisesdb", database.AppConnectionString);
            web.UseSetting("ConnectionStrings:exercisesdb-migrations", database.MigrationsConnectionString);
            web.UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMqConnectionString);
            web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        var admin = new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = database.Name }.ConnectionString;
        var started = new ExercisesHost(factory, clock, admin);
        // The bus starts in the background; until its queues are bound, a published event has nowhere to go.
        await started.Get<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        await started.KnowSeedsAsync();
        return started;
    }

    /// <summary>Publishes as another service does: the event id is the broker message id.</summary>
    public Task PublishAsync<T>(T message) where T : Contracts.IntegrationEvent =>
        Get<IBus>().Publish(message, context => context.MessageId = message.EventId);

    /// <summary>A caller as the service sees one after token validation: TenantContextMiddleware fills it from the claims.</summary>
    public async Task<TenantContext> CallerAsync(string tenant, string role)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new(ClaimNames.Subject, Guid.NewGuid().ToString()), new(ClaimNames.PreferredUsername, $"{tenant}.{role}"),
                 new(ClaimNames.Tenant, tenant), new(ClaimNames.Role, role)], "test")),
            RequestServices = new DirectoryOnly(Get<TenantDirectory>()),
        };
        var caller = new TenantContext();
        await new TenantContextMiddleware(_ => Task.CompletedTask, NullLogger<TenantContextMiddleware>.Instance).InvokeAsync(http, caller);
        Assert.Equal(tenant, caller.TenantCode);
        return caller;
    }

    /// <summary>A count over what the service stored, read as the server's superuser, whom row-level security does not filter.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task KnowSeedsAsync()
    {
        var database = Get<TenantDatabase>();
        foreach (var (code, name, parent, path, division) in Tree)
        {
            var state = new JurisdictionState(code, name, JurisdictionKind.County, parent, path, JurisdictionStatus.Active, division, 1);
            await database.InTransactionAsync(new TenantScope(code, path), async session =>
            {
                await Get<TenantDirectory>().ApplyAsync(session, state);
                if (Planned.Contains(code))
                {
                    await Get<PlanRulesReplica>().KeepAsync(session, new PlanPublished(
                        1, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddDays(-30)), $"{name}网络与信息安全事件应急预案", null, SeedRules.For(code))
                    {
                        OccurredAt = Clock.GetUtcNow(), TenantCode = code, TenantPath = path,
                    });
                }
            }, CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private sealed class DirectoryOnly(TenantDirectory directory) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TenantDirectory) ? directory : null;
    }
}
