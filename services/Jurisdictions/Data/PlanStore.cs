using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Data;

/// <summary>Plan versions. Row-level security limits every query to the session tenant's subtree.</summary>
public sealed class PlanStore
{
    private const string Columns = """
        select tenant_code as TenantCode, version as Version, status as Status, based_on as BasedOn,
               effective_from as EffectiveFrom, published_at as PublishedAt, published_by as PublishedBy,
               created_at as CreatedAt, created_by as CreatedBy, updated_at as UpdatedAt, document::text as Document
        from plan_version
        """;

    private const string ListOfTenant = Columns + " where tenant_code = @TenantCode order by version desc";

    private const string OneVersion = Columns + " where tenant_code = @TenantCode and version = @Version";

    // In force on a day: the published (or since superseded) version with the latest effective date on or before it.
    private const string InForce = Columns + """
         where tenant_code = @TenantCode and status <> 'draft' and effective_from <= @On::date
         order by effective_from desc, version desc limit 1
        """;

    private const string InForceInSubtree = """
        select distinct on (p.tenant_code)
               p.tenant_code as TenantCode, p.version as Version, p.status as Status, p.based_on as BasedOn,
               p.effective_from as EffectiveFrom, p.published_at as PublishedAt, p.published_by as PublishedBy,
               p.created_at as CreatedAt, p.created_by as CreatedBy, p.updated_at as UpdatedAt, p.document::text as Document
        from plan_version p
        where (@Path::ltree is null or p.tenant_path <@ @Path::ltree) and p.status <> 'draft' and p.effective_from <= @On::date
        order by p.tenant_code, p.effective_from desc, p.version desc
        """;

    private const string AllPublished = Columns + " where status <> 'draft' order by tenant_code, version";

    private const string NextVersion = "select coalesce(max(version), 0) + 1 from plan_version where tenant_code = @TenantCode";

    private const string InsertVersion = """
        insert into plan_version (tenant_code, tenant_path, version, status, document, based_on, effective_from,
                                  published_at, published_by, created_by)
        values (@TenantCode, @TenantPath::ltree, @Version, @Status, @Document::jsonb, @BasedOn, @EffectiveFrom::date,
                @PublishedAt, @PublishedBy, @CreatedBy)
        """;

    private const string DeleteDraft = "delete from plan_version where tenant_code = @TenantCode and version = @Version and status = 'draft'";

    private const string UpdateDraft = """
        update plan_version set document = @Document::jsonb, updated_at = now()
        where tenant_code = @TenantCode and version = @Version and status = 'draft'
        """;

    private const string Publish = """
        update plan_version set status = 'published', effective_from = @EffectiveFrom::date, published_at = @PublishedAt,
                                published_by = @PublishedBy, updated_at = now()
        where tenant_code = @TenantCode and version = @Version and status = 'draft';
        update plan_version set status = 'superseded', updated_at = now()
        where tenant_code = @TenantCode and status = 'published' and version < @Version;
        """;

    public async Task<IReadOnlyList<StoredPlanVersion>> ListAsync(DbSession session, string tenantCode) =>
        (await session.Connection.QueryAsync<Row>(ListOfTenant, new { TenantCode = tenantCode }, session.Transaction)).Select(r => r.ToVersion()).ToList();

    public async Task<StoredPlanVersion?> FindAsync(DbSession session, string tenantCode, int version) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(OneVersion, new { TenantCode = tenantCode, Version = version }, session.Transaction))?.ToVersion();

    public async Task<StoredPlanVersion?> InForceAsync(DbSession session, string tenantCode, DateOnly on) =>
        (await session.Connection.QuerySingleOrDefaultAsync<Row>(InForce, new { TenantCode = tenantCode, On = AsDate(on) }, session.Transaction))?.ToVersion();

    /// <summary>The plan in force of every jurisdiction at or below the path (every visible one when path is null).</summary>
    public async Task<IReadOnlyList<StoredPlanVersion>> InForceBelowAsync(DbSession session, string? path, DateOnly on) =>
        (await session.Connection.QueryAsync<Row>(InForceInSubtree, new { Path = path, On = AsDate(on) }, session.Transaction)).Select(r => r.ToVersion()).ToList();

    public async Task<IReadOnlyList<StoredPlanVersion>> AllPublishedAsync(DbSession session) =>
        (await session.Connection.QueryAsync<Row>(AllPublished, transaction: session.Transaction)).Select(r => r.ToVersion()).ToList();

    public Task<int> NextVersionAsync(DbSession session, string tenantCode) =>
        session.Connection.ExecuteScalarAsync<int>(NextVersion, new { TenantCode = tenantCode }, session.Transaction);

    public Task InsertAsync(DbSession session, string tenantPath, StoredPlanVersion version) =>
        session.Connection.ExecuteAsync(InsertVersion, new
        {
            version.TenantCode,
            TenantPath = tenantPath,
            version.Version,
            Status = EnumLabel.Of(version.Status),
            Document = Serialize(version.Document),
            version.BasedOn,
            EffectiveFrom = version.EffectiveFrom is { } from ? AsDate(from) : (DateTime?)null,
            PublishedAt = version.PublishedAt?.UtcDateTime,
            version.PublishedBy,
            version.CreatedBy,
        }, session.Transaction);

    public async Task<bool> UpdateDraftAsync(DbSession session, string tenantCode, int version, PlanDocument document) =>
        await session.Connection.ExecuteAsync(UpdateDraft, new { TenantCode = tenantCode, Version = version, Document = Serialize(document) }, session.Transaction) == 1;

    public async Task<bool> DeleteDraftAsync(DbSession session, string tenantCode, int version) =>
        await session.Connection.ExecuteAsync(DeleteDraft, new { TenantCode = tenantCode, Version = version }, session.Transaction) == 1;

    public Task PublishAsync(DbSession session, string tenantCode, int version, DateOnly effectiveFrom, DateTimeOffset at, string by) =>
        session.Connection.ExecuteAsync(Publish, new
        {
            TenantCode = tenantCode,
            Version = version,
            EffectiveFrom = AsDate(effectiveFrom),
            PublishedAt = at.UtcDateTime,
            PublishedBy = by,
        }, session.Transaction);

    private static DateTime AsDate(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

    private static string Serialize(PlanDocument document) => JsonSerializer.Serialize(document, FenghuoJson.Options);

    private sealed record Row(
        string TenantCode, int Version, string Status, string BasedOn, DateOnly? EffectiveFrom, DateTime? PublishedAt,
        string? PublishedBy, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string Document)
    {
        public StoredPlanVersion ToVersion()
        {
            EnumLabel.TryParse<PlanStatus>(Status, out var status);
            return new StoredPlanVersion(TenantCode, Version, status, BasedOn, EffectiveFrom, Utc(PublishedAt), PublishedBy,
                Utc(CreatedAt)!.Value, CreatedBy, Utc(UpdatedAt)!.Value,
                JsonSerializer.Deserialize<PlanDocument>(Document, FenghuoJson.Options)!);
        }

        private static DateTimeOffset? Utc(DateTime? value) =>
            value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
    }
}
