using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Appends to the hash-chained audit_event table in the caller's transaction, so the record of
/// an act commits or rolls back with the act itself. The database links committed rows into the
/// chain afterwards (<see cref="LinkAsync"/>), so acts of different tenants never wait for each other.
/// </summary>
public sealed class AuditTrail
{
    // The chain is the database's to compute: the row is written once, and its link (place, previous
    // hash, hash) is a row of audit_chain that only audit_link() writes. See Migrations/0003_audit_seal.sql,
    // 0006_audit_linked_after_commit.sql and 0009_audit_links_of_their_own.sql. Parameters by position:
    // the append runs as a command of a batch.
    private const string Append = """
        insert into audit_event (occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details)
        values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
        """;

    private const string FirstBreak = "select audit_first_break()";

    private const string Link = "select audit_link(@Most)";

    private const int LinkedPerRun = 1000;

    public async Task AppendAsync(DbSession session, AuditEntry entry)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction) { BatchCommands = { AppendCommand(entry) } };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The append as a command of a batch (parameters by position) that runs in the transaction of the
    /// act it records, so it can travel in one round trip with the act's other statements.
    /// </summary>
    public static NpgsqlBatchCommand AppendCommand(AuditEntry entry) => new(Append)
    {
        Parameters =
        {
            new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.OccurredAt.ToUniversalTime() },
            Text(entry.TenantCode),
            Text(entry.Actor),
            Text(entry.Action),
            Text(entry.Target),
            Text(entry.Outcome),
            Text(entry.CorrelationId),
            Text(entry.DetailsJson),
        },
    };

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    /// <summary>Links every committed row not yet in the chain, in runs of at most a thousand; returns how many.</summary>
    public async Task<int> LinkAsync(DbSession session)
    {
        var total = 0;
        int linked;
        do
        {
            linked = await session.Connection.ExecuteScalarAsync<int>(Link, new { Most = LinkedPerRun }, session.Transaction);
            total += linked;
        }
        while (linked == LinkedPerRun);
        return total;
    }

    /// <summary>
    /// The position (1-based) of the first row whose hash or link does not match — one past the end
    /// when the newest rows are gone — or null when the chain is intact. Reads every tenant's linked rows:
    /// link first (<see cref="LinkAsync"/>) to cover every committed one.
    /// </summary>
    public Task<long?> FindFirstBreakAsync(DbSession session) =>
        session.Connection.QuerySingleOrDefaultAsync<long?>(FirstBreak, transaction: session.Transaction);
}
