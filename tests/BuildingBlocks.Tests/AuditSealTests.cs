using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// The database links and hashes the audit chain itself; the newest rows cannot vanish unnoticed;
/// an owner who rewrites and re-hashes everything is caught by the checkpoints signed outside it;
/// each tenant reads only its own events.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AuditSealTests(PlatformInfrastructure infrastructure)
{
    private static readonly TenantScope Yangcheng = new("yangcheng", "shanxi.jincheng.yangcheng");

    [Fact]
    public async Task The_service_role_cannot_write_a_hash_and_whatever_it_sends_the_database_links_the_row()
    {
        var (tenants, _) = await DatabaseAsync("auditseal1");
        await AppendAsync(tenants, "incident.report");

        foreach (var forgery in new[]
        {
            """
            insert into audit_chain (position, event_id, previous_hash, hash)
            values (2, (select max(id) from audit_event), null, '\x00')
            """,
            "update audit_chain set hash = '\\x00'",
            "delete from audit_chain",
            // The transaction that wrote a row tells the linker it may still be waiting: not the service's to say.
            """
            insert into audit_event (occurred_at, tenant_code, actor, action, outcome, transaction_id)
            values (now(), 'yangcheng', 'mallory', 'incident.forge', 'success', '1')
            """,
        })
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => tenants.InTransactionAsync(Yangcheng,
                s => s.Connection.ExecuteAsync(forgery, transaction: s.Transaction), CancellationToken.None));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        }

        await AppendAsync(tenants, "incident.assess");
        Assert.Null(await AuditTrailTests.VerifyAsync(tenants));
    }

    [Fact]
    public async Task Recent_events_cannot_be_deleted_and_an_owner_who_drops_the_newest_anyway_leaves_a_trace()
    {
        var (tenants, database) = await DatabaseAsync("auditseal2");
        foreach (var action in new[] { "incident.report", "incident.assess", "response.start" })
        {
            await AppendAsync(tenants, action);
        }
        Assert.Null(await AuditTrailTests.VerifyAsync(tenants));
        await using var owner = new NpgsqlConnection(database.MigrationsConnectionString);
        var kept = await Assert.ThrowsAsync<PostgresException>(() => owner.ExecuteAsync("delete from audit_event where id = (select max(id) from audit_event)"));
        Assert.Contains("kept at least 180 days", kept.MessageText);

        await owner.ExecuteAsync("""
            alter table audit_event disable trigger audit_event_retain;
            delete from audit_event where id = (select max(id) from audit_event);
            alter table audit_event enable trigger audit_event_retain;
            """);
        Assert.Equal(3, await AuditTrailTests.VerifyAsync(tenants));
    }

    [Fact]
    public async Task An_owner_who_rewrites_and_rehashes_the_whole_chain_is_caught_by_the_signed_checkpoints()
    {
        var (tenants, database) = await DatabaseAsync("auditseal3");
        var directory = Directory.CreateTempSubdirectory("fenghuo-audit-").FullName;
        var seal = SealWithCheckpointsIn(tenants, database, directory);
        foreach (var action in new[] { "incident.report", "incident.assess", "response.start" })
        {
            await AppendAsync(tenants, action);
        }
        Assert.Null(await seal.SealAsync(CancellationToken.None));
        Assert.Single(Directory.GetFiles(directory));

        // Everything an owner can do in the database: edit a row, re-link and re-hash every row after it, move the head.
        await using (var owner = new NpgsqlConnection(database.MigrationsConnectionString))
        {
            await owner.ExecuteAsync("""
                update audit_event set details = '{"level":"III"}' where id = (select min(id) + 1 from audit_event);
                do $$
                declare r record; previous bytea;
                begin
                    for r in select c.position, e.* from audit_chain c join audit_event e on e.id = c.event_id order by c.position loop
                        update audit_chain set previous_hash = previous,
                            hash = audit_event_hash(previous, r.occurred_at, r.tenant_code, r.actor, r.action, r.target, r.outcome, r.correlation_id, r.details)
                        where position = r.position returning hash into previous;
                    end loop;
                    update audit_chain_head set last_hash = previous;
                end $$;
                """);
        }
        Assert.Null(await AuditTrailTests.VerifyAsync(tenants));

        var problem = await seal.SealAsync(CancellationToken.None);
        Assert.NotNull(problem);
        Assert.Contains("no longer has the hash", problem);
        Assert.Equal("Degraded", (await seal.CheckHealthAsync(new())).Status.ToString());
    }

    [Fact]
    public async Task A_row_linked_after_a_higher_id_is_checkpointed_when_it_becomes_the_head()
    {
        var (tenants, database) = await DatabaseAsync("auditseal5");
        var directory = Directory.CreateTempSubdirectory("fenghuo-audit-").FullName;
        var seal = SealWithCheckpointsIn(tenants, database, directory);
        await AppendAsync(tenants, "incident.report");
        // Open for the whole test: the session holds the advisory lock the held row waits on.
        await using var owner = new NpgsqlConnection(database.MigrationsConnectionString);
        await owner.OpenAsync();

        // The follow-up's row is linked and checkpointed while the held row, which took the lower id, still waits to commit.
        await AuditTrailTests.AppendOutOfIdOrderAsync(tenants, owner, whileHeld: async () => Assert.Null(await seal.SealAsync(CancellationToken.None)));
        Assert.Null(await seal.SealAsync(CancellationToken.None));

        var ids = await owner.QuerySingleAsync<(long Held, long FollowUp)>(
            "select max(id) filter (where action = 'incident.held'), max(id) filter (where action = 'incident.followup') from audit_event");
        Assert.True(ids.Held < ids.FollowUp);
        var checkpointed = File.ReadAllLines(Assert.Single(Directory.GetFiles(directory))).Select(line => long.Parse(line.Split(' ')[0])).ToList();
        Assert.Equal([ids.FollowUp, ids.Held], checkpointed);
    }

    [Fact]
    public async Task A_tenant_reads_only_its_own_events_and_platform_events_need_a_platform_admin_scope()
    {
        var (tenants, _) = await DatabaseAsync("auditseal4");
        await AppendAsync(tenants, "incident.report");
        await tenants.InTransactionAsync(TenantScope.None, s => new AuditTrail().AppendAsync(s, new AuditEntry(
            DateTimeOffset.UtcNow, string.Empty, "admin", "identity.user.create", "user:x", "success", null)), CancellationToken.None);

        Task<IEnumerable<string>> ReadAsync(TenantScope scope) => tenants.InTransactionAsync(scope,
            s => s.Connection.QueryAsync<string>("select action from audit_event", transaction: s.Transaction), CancellationToken.None);
        Assert.Equal(["incident.report"], await ReadAsync(Yangcheng));
        Assert.Empty(await ReadAsync(new TenantScope("chengqu", "shanxi.jincheng.chengqu")));
        Assert.Empty(await ReadAsync(TenantScope.None));
        Assert.Equal(["identity.user.create"], await ReadAsync(new TenantScope(string.Empty, string.Empty, PlatformAdmin: true)));
    }

    private async Task<(TenantDatabase, Fenghuo.AppHost.ServiceDatabase)> DatabaseAsync(string name)
    {
        var database = await infrastructure.ProvisionAsync(name);
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(
            database.MigrationsConnectionString, new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!,
            MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform"), CancellationToken.None);
        return (new TenantDatabase(NpgsqlDataSource.Create(database.AppConnectionString)), database);
    }

    /// <summary>A service's seal in Production, its checkpoints signed with a key of its own and kept in <paramref name="directory"/>.</summary>
    private static AuditSeal SealWithCheckpointsIn(TenantDatabase tenants, Fenghuo.AppHost.ServiceDatabase database, string directory) =>
        new(tenants, new AuditTrail(), new MigrationState(), new DatabaseOptions(database.Name, database.AppConnectionString, database.MigrationsConnectionString),
            Options.Create(new AuditSealOptions { SealKey = "a-key-that-lives-in-a-secret-store-not-the-database", CheckpointDirectory = directory }),
            new HostingEnvironment { EnvironmentName = Environments.Production }, TimeProvider.System, NullLogger<AuditSeal>.Instance);

    private static Task AppendAsync(TenantDatabase tenants, string action) =>
        tenants.InTransactionAsync(Yangcheng, s => new AuditTrail().AppendAsync(s, new AuditEntry(
            DateTimeOffset.UtcNow, "yangcheng", "yangcheng.duty", action, "阳城-2026-0001", "success", "c-1", """{"level":"I"}""")), CancellationToken.None);
}
