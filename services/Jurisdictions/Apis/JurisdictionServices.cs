using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Jurisdictions.Data;

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
