using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Jurisdictions.Data;

/// <summary>An exercise finding cited on a plan-revision draft.</summary>
public sealed record PlanCitation
{
    public Guid FindingId { get; init; }
    public int Version { get; init; }
    public Guid ExerciseId { get; init; }
    public string ExerciseTitle { get; init; } = "";
    public string FindingTitle { get; init; } = "";
    public string? PlanSection { get; init; }
    public string RequestedBy { get; init; } = "";
    public DateTimeOffset CitedAt { get; init; }
}

/// <summary>The findings each plan-revision draft cites. Row-level security shows them to the tenant and the commands above it.</summary>
public sealed class CitationStore
{
    public Task AddAsync(DbSession session, string tenantCode, string tenantPath, PlanCitation citation) =>
        session.Connection.ExecuteAsync("""
            insert into plan_revision_citation (finding_id, tenant_code, tenant_path, version, exercise_id, exercise_title, finding_title,
                plan_section, requested_by, cited_at)
            values (@FindingId, @TenantCode, @TenantPath::ltree, @Version, @ExerciseId, @ExerciseTitle, @FindingTitle, @PlanSection, @RequestedBy, @CitedAt)
            on conflict do nothing
            """, new
        {
            citation.FindingId, TenantCode = tenantCode, TenantPath = tenantPath, citation.Version, citation.ExerciseId, citation.ExerciseTitle,
            citation.FindingTitle, citation.PlanSection, citation.RequestedBy, citation.CitedAt,
        }, session.Transaction);

    /// <summary>The citations of a draft being discarded; answers the findings they named.</summary>
    public async Task<IReadOnlyList<Guid>> RemoveOfAsync(DbSession session, string tenantCode, int version) =>
        (await session.Connection.QueryAsync<Guid>(
            "delete from plan_revision_citation where tenant_code = @TenantCode and version = @Version returning finding_id",
            new { TenantCode = tenantCode, Version = version }, session.Transaction)).ToList();

    public async Task<IReadOnlyList<PlanCitation>> OfAsync(DbSession session, string tenantCode, int version) =>
        (await session.Connection.QueryAsync<PlanCitation>("""
            select finding_id as FindingId, version as Version, exercise_id as ExerciseId, exercise_title as ExerciseTitle,
                   finding_title as FindingTitle, plan_section as PlanSection, requested_by as RequestedBy, cited_at as CitedAt
            from plan_revision_citation where tenant_code = @TenantCode and version = @Version order by cited_at
            """, new { TenantCode = tenantCode, Version = version }, session.Transaction)).ToList();
}
