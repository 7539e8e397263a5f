using Npgsql;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// incidentsdb's own counters from pg_stat_database, taken before and after a load phase: how many
/// transactions the server committed or rolled back, and how long sessions sat idle inside an open
/// transaction (the service holding a transaction while it waits for something else). Divided by the
/// operations done, they depend on the code far more than on what else the machine runs. Beside them, the
/// whole server's WAL (pg_stat_wal) and checkpoints: what the writes cost in log records, full-page images
/// (the first change to a page after a checkpoint logs the whole 8 kB page) and flushes.
/// </summary>
internal static class DatabaseCounters
{
    // The server flushes a busy backend's counters about once a second, so a snapshot is taken after
    // a short pause; the bench's own sampling (one short transaction every 100 ms) is counted too.
    private const string Counters = """
        select xact_commit + xact_rollback, coalesce(idle_in_transaction_time, 0), coalesce(active_time, 0)
        from pg_stat_database where datname = 'incidentsdb';
        select wal_records, wal_fpi, wal_bytes::float8, wal_sync from pg_stat_wal;
        select checkpoints_timed + checkpoints_req from pg_stat_bgwriter
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
        var (transactions, idle, active) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2));
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var wal = new WalUse(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3));
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new DatabaseSnapshot(transactions, idle, active, wal, reader.GetInt64(0));
    }
}

/// <param name="IdleInTransactionMs">Milliseconds all sessions spent idle inside a transaction.</param>
/// <param name="ActiveMs">Milliseconds all sessions spent running statements.</param>
/// <param name="Wal">The whole server's WAL, every database's writes together.</param>
/// <param name="Checkpoints">Checkpoints the server began, timed or requested.</param>
internal sealed record DatabaseSnapshot(long Transactions, double IdleInTransactionMs, double ActiveMs, WalUse Wal, long Checkpoints)
{
    public DatabaseSnapshot Since(DatabaseSnapshot before) =>
        new(Transactions - before.Transactions, IdleInTransactionMs - before.IdleInTransactionMs, ActiveMs - before.ActiveMs,
            new WalUse(Wal.Records - before.Wal.Records, Wal.FullPageImages - before.Wal.FullPageImages, Wal.Bytes - before.Wal.Bytes,
                Wal.Syncs - before.Wal.Syncs),
            Checkpoints - before.Checkpoints);
}

/// <param name="Syncs">Times the WAL was flushed to disk (fdatasync), each one a commit's or a group of commits' wait.</param>
internal sealed record WalUse(long Records, long FullPageImages, double Bytes, long Syncs);
