using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.BuildingBlocks.Plans;

/// <summary>This service's copies of published plan versions. Row-level security scopes every read.</summary>
public sealed class PlanRulesReplica
{
    private const string Insert = """
        insert into plan_rules (tenant_code, tenant_path, version, effective_from, title, document_number, rules)
        values (@TenantCode, @TenantPath::ltree, @PlanVersion, @EffectiveFrom::date, @Title, @DocumentNumber, @Rules::jsonb)
        on conflict (tenant_code, version) do nothing
        """;

    private const string Versions = """
        select tenant_code as TenantCode, version as Version, effective_from as EffectiveFrom, title as Title, document_number as DocumentNumber
        from plan_rules where tenant_code = @TenantCode order by version desc
        """;

    // In force on a day: the latest effective date on or before it; a later version wins a tie.
    private const string InForce = """
        select version as Version, rules::text as Rules from plan_rules
        where tenant_code = @TenantCode and effective_from <= @On::date
        order by effective_from desc, version desc limit 1
        """;

    public Task KeepAsync(DbSession session, PlanPublished published) =>
        session.Connection.ExecuteAsync(Insert, new
        {
            published.TenantCode,
            published.TenantPath,
            published.PlanVersion,
            EffectiveFrom = published.EffectiveFrom.ToDateTime(TimeOnly.MinValue),
            published.Title,
            published.DocumentNumber,
            Rules = JsonSerializer.Serialize(published.Rules, FenghuoJson.Options),
        }, session.Transaction);

    public async Task<IReadOnlyList<KeptPlanVersion>> VersionsAsync(DbSession session, string tenantCode) =>
        (await session.Connection.QueryAsync<KeptPlanVersion>(Versions, new { TenantCode = tenantCode }, session.Transaction)).ToList();

    private const string OneVersion = """
        select version as Version, rules::text as Rules from plan_rules where tenant_code = @TenantCode and version = @Version
        """;

    /// <summary>The version in force on a day (China Standard Time dates), with its number, so a record can pin it.</summary>
    public async Task<PlanRulesVersion?> InForceAsync(DbSession session, string tenantCode, DateOnly on)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<(int Version, string Rules)?>(
            InForce, new { TenantCode = tenantCode, On = on.ToDateTime(TimeOnly.MinValue) }, session.Transaction);
        return row is { } found ? new PlanRulesVersion(found.Version, Read(found.Rules)) : null;
    }

    /// <summary>One version, as a record pinned to it reads its rules.</summary>
    public async Task<PlanRulesVersion?> VersionAsync(DbSession session, string tenantCode, int version)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<(int Version, string Rules)?>(
            OneVersion, new { TenantCode = tenantCode, Version = version }, session.Transaction);
        return row is { } found ? new PlanRulesVersion(found.Version, Read(found.Rules)) : null;
    }

    private static PlanRules Read(string rules) => JsonSerializer.Deserialize<PlanRules>(rules, FenghuoJson.Options)!;
}
