using Dapper;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Appends to the hash-chained audit_event table in the caller's transaction, so the record of
/// an act commits or rolls back with the act itself.
/// </summary>
public sealed class AuditTrail
{
    // The chain (previous_hash, hash) is the database's to compute: see Migrations/0003_audit_seal.sql.
    private const string Append = """
        insert into audit_event (occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details)
        values (@OccurredAt, @TenantCode, @Actor, @Action, @Target, @Outcome, @CorrelationId, @DetailsJson::jsonb)
        """;

    private const string FirstBreak = "select audit_first_break()";

    public Task AppendAsync(DbSession session, AuditEntry entry) =>
        session.Connection.ExecuteAsync(Append, new
        {
            OccurredAt = entry.OccurredAt.ToUniversalTime(),
            entry.TenantCode,
            entry.Actor,
            entry.Action,
            entry.Target,
            entry.Outcome,
            entry.CorrelationId,
            entry.DetailsJson,
        }, session.Transaction);

    /// <summary>
    /// The position (1-based) of the first row whose hash or link does not match — one past the end
    /// when the newest rows are gone — or null when the chain is intact. Reads every tenant's rows.
    /// </summary>
    public Task<long?> FindFirstBreakAsync(DbSession session) =>
        session.Connection.QuerySingleOrDefaultAsync<long?>(FirstBreak, transaction: session.Transaction);
}
