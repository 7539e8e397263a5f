using Fenghuo.Contracts.Plans;

namespace Fenghuo.Portal.Gateway;

/// <summary>The plan in force (GET /api/jurisdictions/{code}/plan), as far as forms and acts need it.</summary>
public sealed record PlanInForce(string TenantCode, int Version, string Title, PlanDocument Document);

public sealed record PlanDocument(PlanTaxonomy Taxonomy, GradeScheme Grades, IReadOnlyList<ResponseLevel> ResponseLevels);
