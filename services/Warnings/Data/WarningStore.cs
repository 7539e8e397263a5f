using Dapper;
using Fenghuo.Warnings.Domain;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Warnings.Data;

/// <summary>Warnings, their receipts and history. Row-level security decides what a caller sees.</summary>
public sealed class WarningStore
{
    internal const string Columns = """
        w.id as Id, w.tenant_code as TenantCode, w.tenant_path::text as TenantPath, w.number as Number,
        w.plan_version as PlanVersion, w.plan_terms::text as PlanTermsJson, w.state as State, w.level as Level, w.title as Title, w.situation as Situation,
        w.category as Category, w.affected_scope as AffectedScope, w.measures as Measures, w.starts_at as StartsAt,
        w.expires_at as ExpiresAt, w.publicity as Publicity, w.exercise as Exercise, w.reported_to as ReportedTo,
        w.proposed_at as ProposedAt, w.proposed_by as ProposedBy, w.issued_at as IssuedAt, w.issued_by as IssuedBy,
        w.ended_at as EndedAt, w.end_reason as EndReason, w.request_hash as RequestHash
        """;

    private const string NextNumber = """
        insert into warning_counter (tenant_code, year, last) values (@TenantCode, @Year, 1)
        on conflict (tenant_code, year) do update set last = warning_counter.last + 1
        returning @Prefix || '-' || @Year || '-' || lpad(last::text, greatest(4, length(last::text)), '0')
        """;

    private const string Insert = """
        insert into warning (id, tenant_code, tenant_path, number, plan_version, plan_terms, state, level, title, situation, category,
            affected_scope, measures, starts_at, expires_at, publicity, exercise, reported_to, proposed_at, proposed_by,
            idempotency_key, request_hash, updated_at)
        values (@Id, @TenantCode, @TenantPath::ltree, @Number, @PlanVersion, @PlanTermsJson::jsonb, 'proposed', @Level, @Title, @Situation, @Category,
            @AffectedScope, @Measures, @StartsAt, @ExpiresAt, @Publicity, @Exercise, @ReportedTo, @ProposedAt, @ProposedBy,
            @IdempotencyKey, @RequestHash, @ProposedAt)
        """;

    private const string Save = """
        update warning set state = @State, level = @Level, issued_at = @IssuedAt, issued_by = @IssuedBy,
            ended_at = @EndedAt, end_reason = @EndReason, updated_at = @UpdatedAt
        where id = @Id
        """;

    private const string HistoryColumns = """
        warning_id as WarningId, at as At, act as Act, actor as Actor, actor_tenant as ActorTenant, level as Level,
        summary as Summary, reason as Reason, cap_identifier as CapIdentifier, cap_message_type as CapMessageType
        """;

    private const string ReceiptColumns = """
        warning_id as WarningId, tenant_code as TenantCode, tenant_name as TenantName, acknowledged_at as AcknowledgedAt,
        acknowledged_by as AcknowledgedBy
        """;

    public Task<string> NextNumberAsync(DbSession session, string tenantCode, string prefix, int year) =>
        session.Connection.QuerySingleAsync<string>(NextNumber, new { TenantCode = tenantCode, Prefix = prefix, Year = year }, session.Transaction);

    public Task InsertAsync(DbSession session, Warning warning, string? idempotencyKey) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            warning.Id, warning.TenantCode, warning.TenantPath, warning.Number, warning.PlanVersion, warning.PlanTermsJson, warning.Level, warning.Title,
            warning.Situation, warning.Category, warning.AffectedScope, warning.Measures, warning.StartsAt, warning.ExpiresAt,
            warning.Publicity, warning.Exercise, warning.ReportedTo, warning.ProposedAt, warning.ProposedBy,
            IdempotencyKey = idempotencyKey, warning.RequestHash,
        }, session.Transaction);

    public Task<Warning?> FindByIdempotencyKeyAsync(DbSession session, string key) =>
        session.Connection.QuerySingleOrDefaultAsync<Warning>(
            $"select {Columns} from warning w where w.idempotency_key = @Key and w.tenant_code = current_setting('fenghuo.tenant_code', true)",
            new { Key = key }, session.Transaction);

    /// <summary>The warning, locked for this transaction's act; null when the caller may not see it.</summary>
    public Task<Warning?> LockAsync(DbSession session, Guid id) =>
        session.Connection.QuerySingleOrDefaultAsync<Warning>($"select {Columns} from warning w where w.id = @Id for update", new { Id = id }, session.Transaction);

    public Task SaveAsync(DbSession session, Warning warning, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Save, new
        {
            warning.Id, warning.State, warning.Level, warning.IssuedAt, warning.IssuedBy, warning.EndedAt, warning.EndReason, UpdatedAt = at,
        }, session.Transaction);

    public Task AddHistoryAsync(DbSession session, HistoryRow entry) =>
        session.Connection.ExecuteAsync("""
            insert into warning_history (warning_id, at, act, actor, actor_tenant, level, summary, reason, cap_identifier, cap_message_type)
            values (@WarningId, @At, @Act, @Actor, @ActorTenant, @Level, @Summary, @Reason, @CapIdentifier, @CapMessageType)
            """, entry, session.Transaction);

    public Task AddReceiptsAsync(DbSession session, Guid warningId, IEnumerable<(string Code, string Path, string Name)> tenants) =>
        session.Connection.ExecuteAsync("""
            insert into warning_receipt (warning_id, tenant_code, tenant_path, tenant_name) values (@WarningId, @Code, @Path::ltree, @Name)
            """, tenants.Select(t => new { WarningId = warningId, t.Code, t.Path, t.Name }), session.Transaction);

    /// <summary>Signs the caller's receipt; 0 when it has none or already signed.</summary>
    public Task<int> AcknowledgeAsync(DbSession session, Guid warningId, string tenant, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync("""
            update warning_receipt set acknowledged_at = @At, acknowledged_by = @By
            where warning_id = @WarningId and tenant_code = @Tenant and acknowledged_at is null
            """, new { WarningId = warningId, Tenant = tenant, At = at, By = by }, session.Transaction);

    public Task<ReceiptRow?> ReceiptAsync(DbSession session, Guid warningId, string tenant) =>
        session.Connection.QuerySingleOrDefaultAsync<ReceiptRow>(
            $"select {ReceiptColumns} from warning_receipt where warning_id = @WarningId and tenant_code = @Tenant",
            new { WarningId = warningId, Tenant = tenant }, session.Transaction);

    public async Task<WarningRecord?> LoadAsync(DbSession session, Guid id)
    {
        using var reader = await session.Connection.QueryMultipleAsync($"""
            select {Columns} from warning w where w.id = @Id;
            select {HistoryColumns} from warning_history where warning_id = @Id order by id;
            select {ReceiptColumns} from warning_receipt where warning_id = @Id order by tenant_path;
            """, new { Id = id }, session.Transaction);
        var warning = await reader.ReadSingleOrDefaultAsync<Warning>();
        if (warning is null)
        {
            return null;
        }
        return new WarningRecord(warning, (await reader.ReadAsync<HistoryRow>()).ToList(), (await reader.ReadAsync<ReceiptRow>()).ToList());
    }

    /// <summary>The CAP messages of these warnings, oldest first per warning.</summary>
    public async Task<ILookup<Guid, HistoryRow>> PublicationsAsync(DbSession session, IReadOnlyCollection<Guid> ids) =>
        (await session.Connection.QueryAsync<HistoryRow>(
            $"select {HistoryColumns} from warning_history where warning_id = any(@Ids) and cap_identifier is not null order by id",
            new { Ids = ids.ToArray() }, session.Transaction)).ToLookup(h => h.WarningId);

    /// <summary>
    /// Warnings issued by, received by or reported to the caller's tenant, newest first, each with
    /// its direction; an issuer's line counts its receipts, a receiver's says whether it signed.
    /// </summary>
    public async Task<IReadOnlyList<ListedWarning>> ListAsync(DbSession session, string? state, int limit) =>
        (await session.Connection.QueryAsync<Warning, ListingColumns, ListedWarning>($"""
            select {Columns},
                   case when w.tenant_code = current_setting('fenghuo.tenant_code', true) then 'issued'
                        when w.reported_to = current_setting('fenghuo.tenant_code', true) then 'reported'
                        else 'received' end as Direction,
                   (select count(*) from warning_receipt r where r.warning_id = w.id)::int as Receipts,
                   (select count(*) from warning_receipt r where r.warning_id = w.id and r.acknowledged_at is not null)::int as Acknowledged,
                   (select r.acknowledged_at is not null from warning_receipt r
                     where r.warning_id = w.id and r.tenant_code = current_setting('fenghuo.tenant_code', true)) as OwnAcknowledged
            from warning w
            where (@State::text is null or w.state = @State)
            order by coalesce(w.issued_at, w.proposed_at) desc, w.number desc
            limit @Limit
            """, (warning, listing) => new ListedWarning(warning, listing.Direction, listing.Receipts, listing.Acknowledged, listing.OwnAcknowledged),
            new { State = state, Limit = limit }, session.Transaction, splitOn: "Direction")).ToList();

    private sealed record ListingColumns(string Direction, int Receipts, int Acknowledged, bool? OwnAcknowledged);
}
