using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fenghuo.Summaries.Tests;

/// <summary>
/// 0003 replaced the tally triggers of 0002, 0004 deferred them to one fold per recording transaction,
/// 0005 keeps the deferred statements' plans, and 0006 keeps a changed row's sides instead of a delta
/// per count: tallies kept by the old triggers stay right, and the new ones carry on from them, so a
/// database migrated with data in it counts what its rows say.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TallyMigrationTests(PlatformInfrastructure infrastructure)
{
    private const string Tallies = """
        select concat_ws(' ', 'incident', tenant_code, tenant_path, span, bucket, real, drills, counts, ack_minutes) from s_incident_tally
        where real <> 0 or drills <> 0 or counts <> '{}' or ack_minutes <> '{}'
        union all
        select concat_ws(' ', 'clock', tenant_code, tenant_path, span, bucket, kind, met, late_minutes) from s_clock_tally
        where met <> 0 or late_minutes <> '{}'
        order by 1
        """;

    [Fact]
    public async Task Tallies_kept_by_the_former_triggers_and_carried_on_by_the_new_ones_equal_the_rows_counted_afresh()
    {
        var database = await infrastructure.ProvisionAsync("summariestally");
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform")
            .Concat(MigrationRunner.ScriptsIn(typeof(SummariesOptions).Assembly, "summaries")).ToList();
        var runner = new MigrationRunner(NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync(database.MigrationsConnectionString, app, scripts.TakeWhile(s => !s.Name.StartsWith("summaries/0003", StringComparison.Ordinal)), CancellationToken.None);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = database.Name }.ConnectionString);
        await connection.ExecuteAsync("truncate s_incident, s_clock, s_incident_tally, s_clock_tally");
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // Under 0002's triggers: reports, a drill, a clock met late.
        await connection.ExecuteAsync("""
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, grade, category, state, state_at, reported_at)
            values (1, @A, 'yangcheng', 'shanxi.jincheng.yangcheng', 'A', 'general', 'malware', 'reported', '2026-06-15 02:00Z', '2026-06-15 02:00Z'),
                   (1, @B, 'yangcheng', 'shanxi.jincheng.yangcheng', 'B', 'major', 'network_attack', 'reported', '2026-06-15 03:00Z', '2026-06-15 03:00Z');
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, exercise, grade, state, reported_at)
            values (1, @C, 'chengqu', 'shanxi.jincheng.chengqu', 'C', true, 'general', 'reported', '2026-06-16 03:00Z');
            insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, due_at)
            values (1, @A, 'report_upward', '00000000-0000-0000-0000-000000000000', 'yangcheng', 'shanxi.jincheng.yangcheng', 'A', '2026-06-15 03:00Z');
            update s_clock set met_at = '2026-06-15 03:20Z' where incident_id = @A;
            """, new { A = a, B = b, C = c });
        var before = (await connection.QueryAsync<string>(Tallies)).AsList();

        // 0003, and 0004 to 0006, which keep row-by-row upkeep for every writer that does not defer it.
        Assert.Equal(4, await runner.ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None));
        Assert.Equal(before, (await connection.QueryAsync<string>(Tallies)).AsList());

        // Under 0003's: a regrading and a response, an acknowledgement, a late report reported again on
        // another day, a clock flagged missed, an incident first touched and reported later.
        var d = Guid.NewGuid();
        await connection.ExecuteAsync("""
            update s_incident set grade = 'large', state = 'responding', response_level = 'II' where incident_id = @A;
            update s_incident set first_ack_at = '2026-06-15 03:25Z' where incident_id = @B;
            update s_incident set reported_at = '2026-07-01 01:00Z' where incident_id = @B;
            update s_incident set grade = 'major' where incident_id = @C;
            update s_clock set missed = true where incident_id = @A;
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number) values (1, @D, 'chengqu', 'shanxi.jincheng.chengqu', 'D');
            update s_incident set reported_at = '2026-06-15 05:00Z', category = 'malware' where incident_id = @D;
            """, new { A = a, B = b, C = c, D = d });
        var kept = (await connection.QueryAsync<string>(Tallies)).AsList();
        Assert.Contains(kept, t => t.StartsWith("incident chengqu shanxi.jincheng.chengqu day 2026-06-15 1 0", StringComparison.Ordinal));

        await connection.ExecuteAsync("select s_retally(1)");
        Assert.Equal((await connection.QueryAsync<string>(Tallies)).AsList(), kept);
    }

    [Fact]
    public async Task Tallies_folded_per_transaction_under_0004_0005_and_0006_equal_the_rows_counted_afresh()
    {
        var database = await infrastructure.ProvisionAsync("summariesfold");
        var app = new NpgsqlConnectionStringBuilder(database.AppConnectionString).Username!;
        var scripts = MigrationRunner.ScriptsIn(typeof(MigrationRunner).Assembly, "platform")
            .Concat(MigrationRunner.ScriptsIn(typeof(SummariesOptions).Assembly, "summaries")).ToList();
        var runner = new MigrationRunner(NullLogger<MigrationRunner>.Instance);
        IEnumerable<MigrationScript> Before(string migration) => scripts.TakeWhile(s => !s.Name.StartsWith($"summaries/{migration}", StringComparison.Ordinal));
        await runner.ApplyAsync(database.MigrationsConnectionString, app, Before("0005"), CancellationToken.None);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = database.Name }.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("truncate s_incident, s_clock, s_incident_tally, s_clock_tally");
        var (a, b, c, d, e) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ids = new { A = a, B = b, C = c, D = d, E = e };

        // Under 0004, folded as a recorder folds: reports (one a drill), an incident touched before its
        // report, a clock met late and one met in time.
        await FoldedAsync(connection, """
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, grade, category, state, state_at, reported_at)
            values (1, @A, 'yangcheng', 'shanxi.jincheng.yangcheng', 'A', 'general', 'malware', 'reported', '2026-06-15 02:00Z', '2026-06-15 02:00Z'),
                   (1, @B, 'yangcheng', 'shanxi.jincheng.yangcheng', 'B', 'major', 'network_attack', 'reported', '2026-06-15 03:00Z', '2026-06-15 03:00Z');
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, exercise, grade, state, reported_at)
            values (1, @C, 'chengqu', 'shanxi.jincheng.chengqu', 'C', true, 'general', 'reported', '2026-06-16 03:00Z');
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number) values (1, @D, 'chengqu', 'shanxi.jincheng.chengqu', 'D');
            insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, due_at)
            values (1, @A, 'report_upward', '00000000-0000-0000-0000-000000000000', 'yangcheng', 'shanxi.jincheng.yangcheng', 'A', '2026-06-15 03:00Z'),
                   (1, @B, 'report_upward', '00000000-0000-0000-0000-000000000000', 'yangcheng', 'shanxi.jincheng.yangcheng', 'B', '2026-06-15 04:00Z');
            update s_clock set met_at = '2026-06-15 03:20Z' where incident_id = @A;
            update s_clock set met_at = '2026-06-15 03:30Z' where incident_id = @B;
            """, ids);
        var before = (await connection.QueryAsync<string>(Tallies)).AsList();

        Assert.Equal(1, await runner.ApplyAsync(database.MigrationsConnectionString, app, Before("0006"), CancellationToken.None));
        Assert.Equal(before, (await connection.QueryAsync<string>(Tallies)).AsList());

        // Under 0005, folded: every counted column changes (some twice in one transaction), a report moves
        // to another month, a drill becomes real, an incident moves county, clocks are missed, re-set and
        // met; then a change outside a recorder, row by row.
        await FoldedAsync(connection, """
            update s_incident set grade = 'large', state = 'responding', response_level = 'II' where incident_id = @A;
            update s_incident set response_level = 'I' where incident_id = @A;
            update s_incident set first_ack_at = '2026-06-15 03:25Z' where incident_id = @B;
            update s_incident set reported_at = '2026-07-01 01:00Z' where incident_id = @B;
            update s_incident set exercise = false, category = 'malware' where incident_id = @C;
            update s_incident set reported_at = '2026-06-15 05:00Z', category = 'malware', grade = 'major' where incident_id = @D;
            update s_incident set tenant_code = 'yangcheng', tenant_path = 'shanxi.jincheng.yangcheng' where incident_id = @D;
            update s_clock set missed = true where incident_id = @A;
            update s_clock set due_at = '2026-06-15 03:00Z' where incident_id = @B;
            insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, due_at, met_at)
            values (1, @D, 'report_upward', '00000000-0000-0000-0000-000000000000', 'chengqu', 'shanxi.jincheng.chengqu', 'D', '2026-06-30 23:00Z', '2026-07-01 00:10Z');
            """, ids);
        await FoldedAsync(connection, "update s_incident set state = 'closed' where incident_id = @A", ids);
        await connection.ExecuteAsync("update s_incident set state = 'confirmed' where incident_id = @B", ids);
        var kept = (await connection.QueryAsync<string>(Tallies)).AsList();
        Assert.Contains(kept, t => t.StartsWith("incident yangcheng shanxi.jincheng.yangcheng month 2026-07-01 1 0", StringComparison.Ordinal));
        Assert.Empty(await connection.QueryAsync<long>("select n from s_tally_delta"));

        Assert.Equal(1, await runner.ApplyAsync(database.MigrationsConnectionString, app, scripts, CancellationToken.None));
        Assert.Equal(kept, (await connection.QueryAsync<string>(Tallies)).AsList());

        // Under 0006, folded: each kind of change again on the tallies 0005 left (a report and its regrading,
        // response and acknowledgement in one transaction, an incident reported a second time on another
        // day, a drill made real and moved county, an unreported incident touched), clocks met in time,
        // met late, flagged missed, re-dated and made a drill's; then a change outside a recorder.
        await FoldedAsync(connection, """
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number, grade, category, state, state_at, reported_at)
            values (1, @E, 'chengqu', 'shanxi.jincheng.chengqu', 'E', 'general', 'network_attack', 'reported', '2026-06-20 02:00Z', '2026-06-20 02:00Z');
            update s_incident set grade = 'major', state = 'responding', response_level = 'III' where incident_id = @E;
            update s_incident set first_ack_at = '2026-06-20 02:41Z' where incident_id = @E;
            update s_incident set reported_at = '2026-06-14 23:00Z', state = 'confirmed' where incident_id = @B;
            update s_incident set exercise = true where incident_id = @D;
            update s_incident set exercise = false, tenant_code = 'chengqu', tenant_path = 'shanxi.jincheng.chengqu' where incident_id = @D;
            insert into s_incident (generation, incident_id, tenant_code, tenant_path, number) values (1, @C, 'chengqu', 'shanxi.jincheng.chengqu', 'C')
            on conflict (generation, incident_id) do update set response_level = 'IV';
            insert into s_clock (generation, incident_id, kind, ref, tenant_code, tenant_path, number, due_at, met_at)
            values (1, @E, 'report_upward', '00000000-0000-0000-0000-000000000000', 'chengqu', 'shanxi.jincheng.chengqu', 'E', '2026-06-20 03:00Z', '2026-06-20 02:50Z'),
                   (1, @E, 'written_report', '00000000-0000-0000-0000-000000000000', 'chengqu', 'shanxi.jincheng.chengqu', 'E', '2026-06-20 05:00Z', null);
            update s_clock set met_at = '2026-06-20 05:17Z' where incident_id = @E and kind = 'written_report';
            update s_clock set missed = true where incident_id = @E and kind = 'report_upward';
            update s_clock set due_at = '2026-07-01 00:00Z' where incident_id = @D;
            update s_clock set exercise = true where incident_id = @B;
            """, ids);
        await connection.ExecuteAsync("update s_incident set state = 'closed' where incident_id = @E", ids);
        kept = (await connection.QueryAsync<string>(Tallies)).AsList();
        Assert.Contains(kept, t => t.StartsWith("clock chengqu shanxi.jincheng.chengqu day 2026-06-20 written_report 0 {\"17\": 1}", StringComparison.Ordinal));
        Assert.Empty(await connection.QueryAsync<long>("select sign from s_incident_change union all select sign from s_clock_change"));

        await connection.ExecuteAsync("select s_retally(1)");
        Assert.Equal((await connection.QueryAsync<string>(Tallies)).AsList(), kept);
    }

    /// <summary>Changes made as a recorder makes them: the tallies deferred, then folded once before the commit.</summary>
    private static async Task FoldedAsync(NpgsqlConnection connection, string sql, object parameters)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("select set_config('fenghuo.tally_deferred', 'on', true)", transaction: transaction);
        await connection.ExecuteAsync(sql, parameters, transaction);
        await connection.ExecuteAsync("select s_tally_fold()", transaction: transaction);
        await transaction.CommitAsync();
    }
}
