using Dapper;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Appends to the hash-chained audit_event table in the caller's transaction, so the record of
/// an act commits or rolls back with the act itself.
/// </summary>
public sealed class AuditTrail
{
    // Serialises writers so each row's previous hash is the row just before it.
    private const long ChainLock = 0x41554449545F; // "AUDIT_"

    private const string Append = """
        select pg_advisory_xact_lock(@ChainLock);
        insert into audit_event (occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details, previous_hash, hash)
        select e.occurred_at, e.tenant_code, e.actor, e.action, e.target, e.outcome, e.correlation_id, e.details, last.hash,
               audit_event_hash(last.hash, e.occurred_at, e.tenant_code, e.actor, e.action, e.target, e.outcome, e.correlation_id, e.details)
        from (select @OccurredAt::timestamptz as occurred_at, @TenantCode::text as tenant_code, @Actor::text as actor,
                     @Action::text as action, @Target::text as target, @Outcome::text as outcome,
                     @CorrelationId::text as correlation_id, @DetailsJson::jsonb as details) e
        left join lateral (select hash from audit_event order by id desc limit 1) last on true
        """;

    private const string FirstBreak = """
        select position from (
            select row_number() over (order by id) as position,
                   previous_hash is distinct from lag(hash) over (order by id)
                   or hash <> audit_event_hash(previous_hash, occurred_at, tenant_code, actor, action, target, outcome, correlation_id, details)
                   as broken
            from audit_event) chain
        where broken order by position limit 1
        """;

    public Task AppendAsync(DbSession session, AuditEntry entry) =>
        session.Connection.ExecuteAsync(Append, new
        {
            ChainLock,
            OccurredAt = entry.OccurredAt.ToUniversalTime(),
            entry.TenantCode,
            entry.Actor,
            entry.Action,
            entry.Target,
            entry.Outcome,
            entry.CorrelationId,
            entry.DetailsJson,
        }, session.Transaction);

    /// <summary>The position (1-based) of the first row whose hash or link does not match, or null when the chain is intact.</summary>
    public Task<long?> FindFirstBreakAsync(DbSession session) =>
        session.Connection.QuerySingleOrDefaultAsync<long?>(FirstBreak, transaction: session.Transaction);
}
