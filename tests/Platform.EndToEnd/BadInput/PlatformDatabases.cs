using Npgsql;

namespace Fenghuo.Platform.EndToEnd.BadInput;

/// <summary>
/// Every service's database, read as the server's superuser (past row-level security), to see what
/// a run of requests left behind.
/// </summary>
public sealed class PlatformDatabases(string adminConnectionString)
{
    /// <summary>
    /// Tables that change by themselves or by design on a refused request: the audit trail records
    /// attempts, identity counts failed logins, the outbox and inbox move with schedulers and
    /// consumers still finishing earlier tests' events, and so do the inbox items, deadlines,
    /// deliveries, drill records and summaries' whole read model those events make (summaries takes
    /// a few events at a time, so it may still be recording earlier tests' bursts). A request that
    /// got through would also show in the table its own service fills, which is counted, and what
    /// it stored anywhere carries its text, which <see cref="RowsCarryingAsync"/> looks for in every table.
    /// </summary>
    private static readonly string[] MovingByThemselves =
    [
        "audit_event", "audit_chain", "audit_chain_head", "login_failure", "redeemed_token", "revoked_session", "outbox", "inbox",
        "notification", "inbox_item", "notification_escalation", "mail_outbox", "delivery_attempt", "webhook_message",
        "incident_deadline", "incident_timeline", "warning_history",
        "drill_incident", "drill_clock", "exercise_history", "obligation_notice",
        "tenant_directory", "plan_rules",
        "event_log", "projection_state", "s_tenant", "s_plan", "s_incident", "s_incident_tally", "s_clock", "s_clock_tally",
        "s_warning", "s_drill",
    ];

    public static async Task<PlatformDatabases> OfAsync(RunningPlatform platform) =>
        new(await platform.ConnectionStringAsync("postgres") ?? throw new InvalidOperationException("The platform has no PostgreSQL connection string"));

    /// <summary>Rows per database and table, of the tables only requests fill.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await foreach (var (database, table, connection) in TablesAsync())
        {
            if (MovingByThemselves.Contains(table))
            {
                continue;
            }
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\"", connection);
            counts[$"{database}.{table}"] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }

    /// <summary>Rows anywhere (the outbox and inbox included) whose text contains <paramref name="marker"/>.</summary>
    public async Task<IReadOnlyList<string>> RowsCarryingAsync(string marker)
    {
        var found = new List<string>();
        await foreach (var (database, table, connection) in TablesAsync())
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM public.\"{table}\" t WHERE strpos(t::text, @marker) > 0", connection);
            command.Parameters.AddWithValue("marker", marker);
            if ((long)(await command.ExecuteScalarAsync())! is > 0 and var rows)
            {
                found.Add($"{database}.{table}: {rows} row(s)");
            }
        }
        return found;
    }

    private async IAsyncEnumerable<(string Database, string Table, NpgsqlConnection Connection)> TablesAsync()
    {
        foreach (var database in await DatabasesAsync())
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schemaversions' ORDER BY 1", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            foreach (var table in tables)
            {
                yield return (database, table, connection);
            }
        }
    }

    private async Task<IReadOnlyList<string>> DatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var databases = new List<string>();
        while (await reader.ReadAsync())
        {
            databases.Add(reader.GetString(0));
        }
        return databases;
    }
}
