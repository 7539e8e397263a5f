using Fenghuo.AppHost;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Recipients;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>
/// The Notifications service's real Program (found through NotificationsOptions): database,
/// migrations, bus, consumers, inbox stream listener, on real PostgreSQL and RabbitMQ; the realm's
/// users come from <see cref="RealmUsers"/>.
/// </summary>
public sealed class NotificationsHost : IAsyncDisposable
{
    public const string JinchengPath = "shanxi.jincheng";
    public const string YangchengPath = "shanxi.jincheng.yangcheng";
    public const string ChengquPath = "shanxi.jincheng.chengqu";

    private readonly WebApplicationFactory<NotificationsOptions> factory;

    private NotificationsHost(WebApplicationFactory<NotificationsOptions> factory, FakeTimeProvider clock)
    {
        this.factory = factory;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    /// <param name="settings">Configuration on top of the service's own ("Notifications:Mail:Host" …).</param>
    public static async Task<NotificationsHost> StartAsync(Testing.PlatformInfrastructure infrastructure, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await infrastructure.ProvisionAsync("notifications");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new WebApplicationFactory<NotificationsOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:notificationsdb", database.AppConnectionString);
            web.UseSetting("ConnectionStrings:notificationsdb-migrations", database.MigrationsConnectionString);
            web.UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMqConnectionString);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
            web.ConfigureServices(services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.RemoveAll<IRecipientDirectory>();
                services.AddSingleton<IRecipientDirectory, RealmUsers>();
                services.AddHostedService<KnownTenants>();
            });
        });
        var host = new NotificationsHost(factory, clock);
        // The bus starts in the background; until its queues are bound, a published event has nowhere to go.
        await host.Get<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>Publishes as Incidents does: the event id is the broker message id.</summary>
    public Task PublishAsync<T>(T message) where T : IntegrationEvent =>
        Get<IBus>().Publish(message, context => context.MessageId = message.EventId);

    /// <summary>
    /// A user's items about one incident, as the API reads the inbox: under their tenant, their own
    /// items only. The database lives as long as the test run, so each test looks at its own incidents.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(string tenantCode, string path, string username, Guid incident, bool requiringAcknowledgement = false)
    {
        var items = await Get<TenantDatabase>().InTransactionAsync(new TenantScope(tenantCode, path),
            s => Get<NotificationStore>().ListAsync(s, username, new InboxFilter(false, requiringAcknowledgement, 200, 0)), CancellationToken.None);
        return items.Where(i => i.SubjectId == incident).ToList();
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    /// <summary>
    /// The three tenants, known after the migrations and before the bus consumes (both happen at start), so an
    /// event already waiting in a queue finds them.
    /// </summary>
    private sealed class KnownTenants(TenantDatabase database, TenantDirectory directory) : IHostedLifecycleService
    {
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            await KnowAsync("jincheng", "晋城市", "shanxi", JinchengPath, cancellationToken);
            await KnowAsync("yangcheng", "阳城县", "jincheng", YangchengPath, cancellationToken);
            await KnowAsync("chengqu", "城区", "jincheng", ChengquPath, cancellationToken);
        }

        private Task KnowAsync(string code, string name, string parentCode, string path, CancellationToken cancellationToken) =>
            database.InTransactionAsync(new TenantScope(code, path), session =>
                directory.ApplyAsync(session, new JurisdictionState(code, name, JurisdictionKind.County, parentCode, path, JurisdictionStatus.Active, null, 1)),
                cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
