using Npgsql;
using NpgsqlTypes;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// The ceiling intake is compared with: single-row parameterised inserts of an incident-shaped row
/// (a dozen text columns, a timestamptz, a jsonb), each in its own committed transaction, at the
/// same concurrency as the intake phase, on the same PostgreSQL server the platform uses. No row-level
/// security, no outbox, no HTTP: what the disk and the server can do for this row shape, nothing more.
/// It runs in a scratch database of its own, dropped afterwards, so no service's data is touched.
/// </summary>
internal static class RawInsertBench
{
    private const string Table = """
        create table bench_incident (
            id uuid primary key,
            tenant_code text not null,
            number text not null,
            state text not null,
            grade text not null,
            category text not null,
            subcategory text,
            reporting_unit text not null,
            occurring_unit text not null,
            reporter text not null,
            description text not null,
            measures_taken text,
            location text,
            occurred_at timestamptz not null,
            form jsonb not null
        )
        """;

    private const string Insert = """
        insert into bench_incident (id, tenant_code, number, state, grade, category, subcategory, reporting_unit,
                                    occurring_unit, reporter, description, measures_taken, location, occurred_at, form)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        """;

    public static async Task<LoadResult> RunAsync(string adminConnectionString, BenchOptions options)
    {
        var database = $"fenghuo_bench_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"create database \"{database}\"");
        try
        {
            var scratch = new NpgsqlConnectionStringBuilder(adminConnectionString)
            {
                Database = database,
                // One connection per client, as the service's pool would hold under the same load.
                MaxPoolSize = options.Clients,
            }.ConnectionString;
            await ExecuteAsync(scratch, Table);
            await using var dataSource = NpgsqlDataSource.Create(scratch);
            var sequence = 0;
            return await ClosedLoop.RunAsync(options.Clients, options.Warmup, options.Duration, options.Count,
                () => InsertOneAsync(dataSource, Interlocked.Increment(ref sequence)));
        }
        finally
        {
            await ExecuteAsync(admin, $"drop database if exists \"{database}\" with (force)");
        }
    }

    private static async Task<string?> InsertOneAsync(NpgsqlDataSource dataSource, int sequence)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(Insert, connection, transaction);
        var form = ReportForms.Next();
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "yangcheng" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"阳城-2026-{sequence:0000}" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "reported" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.Grade });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.Category });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.Subcategory });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.ReportingUnit });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.OccurringUnit });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.Reporter });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.Description });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.MeasuresTaken });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form.Location });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = form.OccurredAt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ReportForms.Json(form), NpgsqlDbType = NpgsqlDbType.Jsonb });
        var rows = await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return rows == 1 ? null : $"insert affected {rows} rows";
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
