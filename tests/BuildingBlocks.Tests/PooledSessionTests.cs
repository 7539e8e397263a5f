using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// The services' pools hand a connection back out without resetting its session, so nothing a
/// user leaves in it may reach the next: not the tenant it acted for, not a channel it listened on.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PooledSessionTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task The_next_user_of_a_pooled_connection_acts_for_no_tenant_and_listens_on_no_channel()
    {
        var database = await infrastructure.ProvisionAsync("pooled");
        // One connection in the pool, so every use below is the same server session.
        await using var dataSource = ServiceDataSource(
            new NpgsqlConnectionStringBuilder(database.AppConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var tenants = new TenantDatabase(dataSource);

        var (actedAs, actingSession) = await tenants.InTransactionAsync(new TenantScope("yangcheng", "shanxi.jincheng.yangcheng"), session =>
            session.Connection.QuerySingleAsync<(string, int)>(
                "select current_setting('fenghuo.tenant_code'), pg_backend_pid()", transaction: session.Transaction), CancellationToken.None);
        int listeningSession;
        await using (var listener = await ChannelListener.ListenAsync(dataSource, "pooled_test", CancellationToken.None))
        {
            listeningSession = await listener.Connection.ExecuteScalarAsync<int>("select pg_backend_pid()");
        }

        await using var next = await dataSource.OpenConnectionAsync();
        var (tenant, channels, nextSession) = await next.QuerySingleAsync<(string?, long, int)>(
            "select nullif(current_setting('fenghuo.tenant_code', true), ''), (select count(*) from pg_listening_channels()), pg_backend_pid()");
        Assert.Equal("yangcheng", actedAs);
        Assert.Equal([actingSession, actingSession], new[] { listeningSession, nextSession });
        Assert.Null(tenant);
        Assert.Equal(0, channels);
    }

    /// <summary>The data source exactly as a service gets it.</summary>
    private static NpgsqlDataSource ServiceDataSource(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:pooleddb"] = connectionString;
        builder.AddServiceDatabase("pooled", typeof(DatabaseExtensions).Assembly);
        return builder.Build().Services.GetRequiredService<NpgsqlDataSource>();
    }
}
