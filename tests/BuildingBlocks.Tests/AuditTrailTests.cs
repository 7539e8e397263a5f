using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class AuditTrailTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Editing_a_recorded_act_breaks_the_chain_at_that_row_and_the_service_role_cannot_edit_at_all()
    {
        var database = await infrastructure.ProvisionAsync("audittrail");
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(
            database.MigrationsConnectionString, AppRole(database),
            AllScripts, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(database.AppConnectionString);
        var tenants = new TenantDatabase(dataSource);
        var audit = new AuditTrail();
        var scope = new TenantScope("yangcheng", "shanxi.jincheng.yangcheng");

        foreach (var action in new[] { "incident.report", "incident.assess", "response.start" })
        {
            await tenants.InTransactionAsync(scope, s => audit.AppendAsync(s, new AuditEntry(
                DateTimeOffset.UtcNow, "yangcheng", "yangcheng.duty", action, "阳城-2026-0001", "success", "c-1", """{"level":"I"}""")), CancellationToken.None);
        }
        Assert.Null(await VerifyAsync(tenants));

        var denied = await Assert.ThrowsAsync<PostgresException>(() => tenants.InTransactionAsync(scope,
            s => s.Connection.ExecuteAsync("update audit_event set actor = 'mallory'", transaction: s.Transaction), CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);

        await using (var owner = new NpgsqlConnection(database.MigrationsConnectionString))
        {
            await owner.ExecuteAsync("update audit_event set details = '{\"level\":\"III\"}' where id = (select min(id) + 1 from audit_event)");
        }
        Assert.Equal(2, await VerifyAsync(tenants));
    }

    [Fact]
    public async Task Appends_that_link_out_of_id_order_or_skip_ids_after_a_crash_leave_the_chain_intact_and_an_edit_still_breaks_it()
    {
        var (tenants, owner, _) = await MigratedAsync("auditorder", AllScripts);
        await using var ownerConnection = owner;
        await AppendAsync(tenants, "incident.report");
        // PostgreSQL restarted after a crash hands out ids past the values it had cached: the ids skip.
        await owner.ExecuteAsync("select setval(pg_get_serial_sequence('audit_event', 'id'), (select max(id) from audit_event) + 32)");
        await AppendAsync(tenants, "incident.assess");
        await AppendOutOfIdOrderAsync(tenants, owner);

        Assert.Equal(["incident.report", "incident.assess", "incident.held", "incident.followup"],
            await owner.QueryAsync<string>("select action from audit_event order by id"));
        Assert.Null(await VerifyAsync(tenants));
        Assert.Equal(["incident.report", "incident.assess", "incident.followup", "incident.held"],
            await owner.QueryAsync<string>(ChainOrder));

        await owner.ExecuteAsync("update audit_event set details = '{\"level\":\"III\"}' where action = 'incident.held'");
        Assert.Equal(4, await VerifyAsync(tenants));
    }

    [Fact]
    public async Task A_trail_written_out_of_id_order_before_the_chain_was_numbered_reads_intact_once_migrated_and_an_edit_still_breaks_it()
    {
        var (tenants, owner, database) = await MigratedAsync("auditrenumber", AllScripts.TakeWhile(s => !s.Name.EndsWith("_audit_chain_order.sql", StringComparison.Ordinal)));
        await using var ownerConnection = owner;
        await AppendAsync(tenants, "incident.report");
        await AppendOutOfIdOrderAsync(tenants, owner, linkedAfterCommit: false);
        await AppendAsync(tenants, "incident.close");
        Assert.Equal(2, await tenants.InTransactionAsync(Yangcheng, new AuditTrail().FindFirstBreakAsync, CancellationToken.None));

        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(database.MigrationsConnectionString, AppRole(database), AllScripts, CancellationToken.None);
        Assert.Equal(["incident.report", "incident.followup", "incident.held", "incident.close"],
            await owner.QueryAsync<string>(ChainOrder));
        Assert.Null(await VerifyAsync(tenants));
        await AppendAsync(tenants, "incident.reopen");
        Assert.Null(await VerifyAsync(tenants));

        await owner.ExecuteAsync("update audit_event set actor = 'mallory' where action = 'incident.followup'");
        Assert.Equal(2, await VerifyAsync(tenants));
    }

    [Fact]
    public async Task An_act_does_not_wait_for_another_tenants_act_that_has_not_committed_and_both_join_the_chain_once_committed()
    {
        var (tenants, owner, database) = await MigratedAsync("auditparallel", AllScripts);
        await using var ownerConnection = owner;
        await using var dataSource = NpgsqlDataSource.Create(database.AppConnectionString);
        await using var open = await dataSource.OpenConnectionAsync();
        await using var openAct = await open.BeginTransactionAsync();
        var yangcheng = new DbSession(open, openAct, Yangcheng);
        await TenantDatabase.UseScopeAsync(yangcheng, Yangcheng);
        await new AuditTrail().AppendAsync(yangcheng, new AuditEntry(
            DateTimeOffset.UtcNow, "yangcheng", "yangcheng.duty", "incident.followup", "阳城-2026-0001", "success", "c-1"));

        var chengqu = new TenantScope("chengqu", "shanxi.jincheng.chengqu");
        var other = tenants.InTransactionAsync(chengqu, s => new AuditTrail().AppendAsync(s, new AuditEntry(
            DateTimeOffset.UtcNow, "chengqu", "chengqu.duty", "incident.report", "城区-2026-0001", "success", "c-2")), CancellationToken.None);
        await Eventually.Until(async () => other.IsCompleted || await owner.ExecuteScalarAsync<long>(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0,
            "the other tenant's act neither finished nor waited");
        Assert.True(other.IsCompletedSuccessfully, "the other tenant's act waited for the open one");

        Assert.Null(await VerifyAsync(tenants));
        await openAct.CommitAsync();
        Assert.Null(await VerifyAsync(tenants));
        Assert.Equal(["incident.report", "incident.followup"], await owner.QueryAsync<string>(ChainOrder));
    }

    [Fact]
    public async Task A_trail_chained_by_the_insert_trigger_keeps_every_hash_when_rows_are_linked_after_commit_and_a_removed_row_still_breaks_it()
    {
        var (tenants, owner, database) = await MigratedAsync("auditlinkafter", AllScripts.TakeWhile(s => !s.Name.EndsWith("_audit_linked_after_commit.sql", StringComparison.Ordinal)));
        await using var ownerConnection = owner;
        foreach (var action in new[] { "incident.report", "incident.assess", "response.start" })
        {
            await AppendAsync(tenants, action);
        }
        var before = (await owner.QueryAsync<string>(
            "select id::text || ' ' || chain_position::text || ' ' || encode(hash, 'hex') from audit_event order by id")).ToList();

        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(database.MigrationsConnectionString, AppRole(database), AllScripts, CancellationToken.None);
        Assert.Equal(before, await owner.QueryAsync<string>(Links));
        await AppendAsync(tenants, "response.end");
        Assert.Null(await VerifyAsync(tenants));
        Assert.Equal(["incident.report", "incident.assess", "response.start", "response.end"],
            await owner.QueryAsync<string>(ChainOrder));

        await owner.ExecuteAsync("""
            alter table audit_event disable trigger audit_event_retain;
            delete from audit_event where action = 'incident.assess';
            alter table audit_event enable trigger audit_event_retain;
            """);
        Assert.Equal(2, await VerifyAsync(tenants));
    }

    [Fact]
    public async Task A_trail_linked_before_links_had_a_table_of_their_own_keeps_every_hash_and_checkpoint_and_an_edit_still_breaks_it()
    {
        var (tenants, owner, database) = await MigratedAsync("auditlinktable", AllScripts.TakeWhile(s => !s.Name.EndsWith("_audit_links_of_their_own.sql", StringComparison.Ordinal)));
        await using var ownerConnection = owner;
        var directory = Directory.CreateTempSubdirectory("fenghuo-audit-").FullName;
        var seal = new AuditSeal(tenants, new AuditTrail(), new MigrationState(), new DatabaseOptions("auditlinktable", database.AppConnectionString, database.MigrationsConnectionString),
            Options.Create(new AuditSealOptions { SealKey = "a-key-that-lives-in-a-secret-store-not-the-database", CheckpointDirectory = directory }),
            new HostingEnvironment { EnvironmentName = Environments.Production }, TimeProvider.System, NullLogger<AuditSeal>.Instance);
        foreach (var action in new[] { "incident.report", "incident.assess", "response.start" })
        {
            await AppendAsync(tenants, action);
        }
        Assert.Null(await seal.SealAsync(CancellationToken.None));
        var before = (await owner.QueryAsync<string>(
            "select id::text || ' ' || chain_position::text || ' ' || encode(hash, 'hex') from audit_event order by id")).ToList();
        // Committed but not linked yet when the service is upgraded.
        await AppendAsync(tenants, "response.end");

        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(database.MigrationsConnectionString, AppRole(database), AllScripts, CancellationToken.None);
        Assert.Equal(before, (await owner.QueryAsync<string>(Links)).Take(3));
        Assert.Equal(["incident.report", "incident.assess", "response.start", "response.end"], await owner.QueryAsync<string>(ChainOrder));
        Assert.Null(await seal.SealAsync(CancellationToken.None));

        // Linked a row at a time: each run links the oldest transactions' rows it finds, none twice.
        foreach (var action in new[] { "incident.followup", "incident.close", "incident.reopen" })
        {
            await AppendAsync(tenants, action);
        }
        Assert.Equal(1, await owner.ExecuteScalarAsync<int>("select audit_link(1)"));
        Assert.Equal(2, await owner.ExecuteScalarAsync<int>("select audit_link(5)"));
        Assert.Equal(0, await owner.ExecuteScalarAsync<int>("select audit_link(5)"));
        Assert.Equal(["incident.report", "incident.assess", "response.start", "response.end", "incident.followup", "incident.close", "incident.reopen"],
            await owner.QueryAsync<string>(ChainOrder));
        Assert.Null(await seal.SealAsync(CancellationToken.None));

        await owner.ExecuteAsync("update audit_event set actor = 'mallory' where action = 'incident.assess'");
        Assert.Equal(2, await VerifyAsync(tenants));
    }

    [Fact]
    public async Task A_trail_restored_into_a_server_whose_transaction_ids_are_behind_its_rows_links_every_row()
    {
        var (tenants, owner, _) = await MigratedAsync("auditrestored", AllScripts);
        await using var ownerConnection = owner;
        await AppendAsync(tenants, "incident.report");
        Assert.Null(await VerifyAsync(tenants));
        await AppendAsync(tenants, "incident.assess");
        // What a dump restored elsewhere looks like: the rows and the head keep the other server's transaction ids.
        await owner.ExecuteAsync("""
            update audit_event set transaction_id = (transaction_id::text::bigint + 1000000)::text::xid8;
            update audit_chain_head set linked_below = (linked_below::text::bigint + 1000000)::text::xid8;
            """);
        await AppendAsync(tenants, "response.start");

        Assert.Null(await VerifyAsync(tenants));
        // Linked in the order of the transactions that wrote them: the restored row's is the other server's, higher.
        Assert.Equal(["incident.report", "response.start", "incident.assess"], await owner.QueryAsync<string>(ChainOrder));
        Assert.Equal(0, await owner.ExecuteScalarAsync<long>("select count(*) from audit_event where transaction_id > pg_current_xact_id()"));
        await AppendAsync(tenants, "response.end");
        Assert.Null(await VerifyAsync(tenants));
        Assert.Equal(["incident.report", "response.start", "incident.assess", "response.end"], await owner.QueryAsync<string>(ChainOrder));
    }

    /// <summary>Links what has committed, as the service does right after, then verifies the chain.</summary>
    internal static async Task<long?> VerifyAsync(TenantDatabase tenants)
    {
        await tenants.InTransactionAsync(TenantScope.None, new AuditTrail().LinkAsync, CancellationToken.None);
        return await tenants.InTransactionAsync(Yangcheng, new AuditTrail().FindFirstBreakAsync, CancellationToken.None);
    }

    private static readonly TenantScope Yangcheng = new("yangcheng", "shanxi.jincheng.yangcheng");

    /// <summary>The actions of the linked rows, in the chain's order.</summary>
    private const string ChainOrder = "select e.action from audit_chain c join audit_event e on e.id = c.event_id order by c.position";

    /// <summary>Each link: the row's id, its place and its hash, by id.</summary>
    private const string Links = "select event_id::text || ' ' || position::text || ' ' || encode(hash, 'hex') from audit_chain order by event_id";

    private static IReadOnlyList<MigrationScript> AllScripts => MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform");

    private async Task<(TenantDatabase, NpgsqlConnection, Fenghuo.AppHost.ServiceDatabase)> MigratedAsync(string name, IEnumerable<MigrationScript> scripts)
    {
        var database = await infrastructure.ProvisionAsync(name);
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(
            database.MigrationsConnectionString, AppRole(database), scripts, CancellationToken.None);
        var owner = new NpgsqlConnection(database.MigrationsConnectionString);
        await owner.OpenAsync();
        return (new TenantDatabase(NpgsqlDataSource.Create(database.AppConnectionString)), owner, database);
    }

    private static Task AppendAsync(TenantDatabase tenants, string action) =>
        tenants.InTransactionAsync(Yangcheng, s => new AuditTrail().AppendAsync(s, new AuditEntry(
            DateTimeOffset.UtcNow, "yangcheng", "yangcheng.duty", action, "阳城-2026-0001", "success", "c-1", """{"level":"I"}""")), CancellationToken.None);

    /// <summary>
    /// Two acts at once: "incident.held" draws its id and is held up before it commits (here by a
    /// lock the test holds), so "incident.followup", with the higher id, links first. Where rows are
    /// linked after commit (0006), they are linked between the two commits; before, the trigger
    /// linked each in its own transaction. <paramref name="whileHeld"/> runs while "incident.held" still waits.
    /// </summary>
    internal static async Task AppendOutOfIdOrderAsync(TenantDatabase tenants, NpgsqlConnection owner, bool linkedAfterCommit = true, Func<Task>? whileHeld = null)
    {
        await owner.ExecuteAsync("""
            create or replace function audit_event_hold() returns trigger language plpgsql as $$
            begin
                if new.action = 'incident.held' then
                    perform pg_advisory_xact_lock(20261130);
                end if;
                return new;
            end $$;
            create trigger audit_event_0hold before insert on audit_event for each row execute function audit_event_hold();
            select pg_advisory_lock(20261130);
            """);
        var held = AppendAsync(tenants, "incident.held");
        await Eventually.Until(async () => await owner.ExecuteScalarAsync<long>("""
            select count(*) from pg_locks
            where locktype = 'advisory' and objid = 20261130 and not granted
              and database = (select oid from pg_database where datname = current_database())
            """) == 1,
            "the held append never waited for the test's lock");
        await AppendAsync(tenants, "incident.followup");
        if (linkedAfterCommit)
        {
            await tenants.InTransactionAsync(TenantScope.None, new AuditTrail().LinkAsync, CancellationToken.None);
        }
        if (whileHeld is not null)
        {
            await whileHeld();
        }
        await owner.ExecuteAsync("select pg_advisory_unlock(20261130); drop trigger audit_event_0hold on audit_event;");
        await held;
    }

    private static string AppRole(Fenghuo.AppHost.ServiceDatabase database) =>
        new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
}
