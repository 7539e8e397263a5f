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

    [Fact]
    public async Task A_transaction_begun_with_its_first_batch_keeps_its_writes_only_when_its_last_batch_commits_and_hands_the_connection_on_clean()
    {
        var database = await infrastructure.ProvisionAsync("batched");
        await using (var owner = new NpgsqlConnection(database.MigrationsConnectionString))
        {
            await owner.ExecuteAsync("create table written (what text not null); grant select, insert on written to public");
        }
        // One connection in the pool, so every use below is the same server session.
        await using var dataSource = ServiceDataSource(
            new NpgsqlConnectionStringBuilder(database.AppConnectionString) { MaxPoolSize = 1 }.ConnectionString, "batched");
        var tenants = new TenantDatabase(dataSource);
        var scope = new TenantScope("yangcheng", "shanxi.jincheng.yangcheng");

        // Done: BEGIN and the tenant with the first write, COMMIT after the last.
        var actedAs = await tenants.InBatchedTransactionAsync(scope, async session =>
        {
            var tenant = await FirstRoundTripAsync(session, "kept");
            await LastRoundTripAsync(session, "kept too", "select 1");
            return tenant;
        }, CancellationToken.None);
        var afterDone = await NextUseAsync(dataSource);

        // A statement of the last batch fails: the rest of the batch, COMMIT included, is skipped.
        var failed = await Assert.ThrowsAsync<PostgresException>(() => tenants.InBatchedTransactionAsync(scope, async session =>
        {
            await FirstRoundTripAsync(session, "lost");
            await LastRoundTripAsync(session, "lost too", "select 1 / 0");
            return true;
        }, CancellationToken.None));
        var afterFailure = await NextUseAsync(dataSource);

        // The caller's own code throws between the round trips: the transaction is open, not failed, when the connection is closed.
        await Assert.ThrowsAsync<InvalidOperationException>(() => tenants.InBatchedTransactionAsync<bool>(scope, async session =>
        {
            await FirstRoundTripAsync(session, "abandoned");
            throw new InvalidOperationException("the act's own code failed");
        }, CancellationToken.None));
        var afterException = await NextUseAsync(dataSource);

        Assert.Equal("yangcheng", actedAs);
        Assert.Equal(PostgresErrorCodes.DivisionByZero, failed.SqlState);
        // A savepoint outside a transaction block is refused as such (25P01); inside a failed one it would be refused as 25P02.
        var clean = ((string?)null, PostgresErrorCodes.NoActiveSqlTransaction, afterDone.Pid);
        Assert.Equal([clean, clean, clean], new[] { afterDone, afterFailure, afterException }.Select(u => (u.Tenant, u.Savepoint, u.Pid)));
        Assert.Equal(["kept", "kept too"], afterException.Written);
    }

    /// <summary>The first command of the transaction: BEGIN, the tenant, a write; answers the tenant the transaction acts for.</summary>
    private static async Task<string> FirstRoundTripAsync(DbSession session, string what)
    {
        using var reader = await session.Connection.QueryMultipleAsync(
            $"{session.Opening} insert into written values (@What); select current_setting('fenghuo.tenant_code')",
            TenantDatabase.ScopeParameters(session.Scope, new { What = what }), session.Transaction);
        await reader.ReadAsync();
        return await reader.ReadSingleAsync<string>();
    }

    private static async Task LastRoundTripAsync(DbSession session, string what, string read)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("insert into written values ($1)") { Parameters = { new NpgsqlParameter<string> { TypedValue = what } } },
                new NpgsqlBatchCommand(read),
                TenantDatabase.CommitCommand(),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// What the next user of the pooled connection finds: the tenant it would act for, what the server answers a
    /// savepoint with (only a transaction block takes one), the server session, and what is written.
    /// </summary>
    private static async Task<(string? Tenant, string? Savepoint, int Pid, string[] Written)> NextUseAsync(NpgsqlDataSource dataSource)
    {
        await using var next = await dataSource.OpenConnectionAsync();
        var savepoint = (await Record.ExceptionAsync(() => next.ExecuteAsync("savepoint next_use")) as PostgresException)?.SqlState;
        var (tenant, pid) = await next.QuerySingleAsync<(string?, int)>(
            "select nullif(current_setting('fenghuo.tenant_code', true), ''), pg_backend_pid()");
        var written = (await next.QueryAsync<string>("select what from written order by what")).ToArray();
        return (tenant, savepoint, pid, written);
    }

    /// <summary>The data source exactly as a service gets it.</summary>
    private static NpgsqlDataSource ServiceDataSource(string connectionString, string service = "pooled")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{service}db"] = connectionString;
        builder.AddServiceDatabase(service, typeof(DatabaseExtensions).Assembly);
        return builder.Build().Services.GetRequiredService<NpgsqlDataSource>();
    }
}
