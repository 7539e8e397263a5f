using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// incidentsdb's own counters from pg_stat_database, taken before and after a load phase: how many
/// transactions the server committed or rolled back, and how long sessions sat idle inside an open
/// transaction (the service holding a transaction while it waits for something else). Divided by the
/// operations done, they depend on the code far more than on what else the machine runs.
/// </summary>
internal static class DatabaseCounters
{
    // The server flushes a busy backend's counters about once a second, so a snapshot is taken after
    // a short pause; the bench's own sampling (one short transaction every 100 ms) is counted too.
    private const string Counters = """
        select xact_commit + xact_rollback, coalesce(idle_in_transaction_time, 0), coalesce(active_time, 0)
        from pg_stat_database where datname = 'incidentsdb'
        """;

    public static async Task<DatabaseSnapshot> TakeAsync(string adminConnectionString)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "incidentsdb", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_stat_clear_snapshot(); " + Counters, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new DatabaseSnapshot(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2));
    }
}

/// <param name="IdleInTransactionMs">Milliseconds all sessions spent idle inside a transaction.</param>
/// <param name="ActiveMs">Milliseconds all sessions spent running statements.</param>
internal sealed record DatabaseSnapshot(long Transactions, double IdleInTransactionMs, double ActiveMs)
{
    public DatabaseSnapshot Since(DatabaseSnapshot before) =>
        new(Transactions - before.Transactions, IdleInTransactionMs - before.IdleInTransactionMs, ActiveMs - before.ActiveMs);
}
