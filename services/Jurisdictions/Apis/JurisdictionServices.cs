using Fenghuo.Jurisdictions.Data;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Tenancy;

namespace Fenghuo.Jurisdictions.Apis;

/// <summary>What the jurisdiction endpoints depend on, bound with [AsParameters].</summary>
public sealed record JurisdictionServices(
    TenantContext Caller,
    TenantDatabase Database,
    JurisdictionStore Store,
    TenantDirectory Directory,
    Outbox Outbox,
    AuditTrail Audit,
    TimeProvider Time);
