using Dapper;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Appends to the hash-chained audit_event table in the caller's transaction, so the record of
/// an act commits or rolls back with the act itself. The database links committed rows into the
/// chain afterwards (<see cref="LinkAsync"/>), so acts of different tenants never wait for each other.
/// </summary>
public sealed class AuditTrail
{
    // The chain (previous_hash, hash, chain_position) is the database's to compute: see
    // Migrations/0003_audit_seal.sql and 0006_audit_linked_after_commit.sql.
    private const string Append = """
        insert into audit_event (occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details)
        values (@OccurredAt, @TenantCode, @Actor, @Action, @Target, @Outcome, @CorrelationId, @DetailsJson::jsonb)
        """;

    private const string FirstBreak = "select audit_first_break()";

    private const string Link = "select audit_link(@Most)";

    private const int LinkedPerRun = 1000;

    /// <summary>
    /// The append as the first statement of a command that carries more (one round trip for both), with
    /// its parameters from <see cref="AddParameters"/>; a statement with no result, so a reader starts at the next.
    /// </summary>
    public const string AppendStatement = Append + ";\n";

    public Task AppendAsync(DbSession session, AuditEntry entry)
    {
        var parameters = new DynamicParameters();
        AddParameters(parameters, entry);
        return session.Connection.ExecuteAsync(Append, parameters, session.Transaction);
    }

    public static void AddParameters(DynamicParameters parameters, AuditEntry entry) =>
        parameters.AddDynamicParams(new
        {
            OccurredAt = entry.OccurredAt.ToUniversalTime(),
            entry.TenantCode,
            entry.Actor,
            entry.Action,
            entry.Target,
            entry.Outcome,
            entry.CorrelationId,
            entry.DetailsJson,
        });

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
