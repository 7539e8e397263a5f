using Fenghuo.AppHost.Resources;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Identity.Tests;

/// <summary>
/// The identity service's own composition — database, migrations, realm seeding, login — on real
/// PostgreSQL and RabbitMQ, in a chosen environment, with a clock the test moves.
/// </summary>
public sealed class IdentityHost : IAsyncDisposable
{
    private readonly IHost host;

    private IdentityHost(IHost host, FakeTimeProvider clock)
    {
        this.host = host;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<IdentityHost> StartAsync(
        ServiceDatabase database, string rabbitMq, string environment = "Development", IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:identitydb"] = database.AppConnectionString,
            ["ConnectionStrings:identitydb-migrations"] = database.MigrationsConnectionString,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<TimeProvider>(clock);
        // What AddServiceDefaults' token validation would register; only the web host reads it.
        builder.Services.AddSingleton(new KeycloakOptions());
        builder.AddServiceDatabase("identity", typeof(IdentityServices).Assembly);
        builder.AddServiceMessaging("identity", bus => bus.AddTenantDirectoryReplica());
        builder.AddIdentityServices();
        var host = builder.Build();
        await host.StartAsync();
        return new IdentityHost(host, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
