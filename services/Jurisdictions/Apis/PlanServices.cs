using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Jurisdictions.Acts;
using Fenghuo.Jurisdictions.Data;

namespace Fenghuo.Jurisdictions.Apis;

/// <summary>What the plan endpoints depend on, bound with [AsParameters].</summary>
public sealed record PlanServices(
    TenantContext Caller,
    TenantDatabase Database,
    JurisdictionStore Jurisdictions,
    PlanStore Plans,
    PlanDrafting Drafting,
    CitationStore Citations,
    TimeProvider Time);
