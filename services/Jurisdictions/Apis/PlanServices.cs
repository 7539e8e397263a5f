using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Messaging;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;

namespace Fenghuo.Jurisdictions.Apis;

/// <summary>What the plan endpoints depend on, bound with [AsParameters].</summary>
public sealed record PlanServices(
    TenantContext Caller,
    TenantDatabase Database,
    JurisdictionStore Jurisdictions,
    PlanStore Plans,
    PlanPublication Publication,
    AuditTrail Audit,
    TimeProvider Time);
