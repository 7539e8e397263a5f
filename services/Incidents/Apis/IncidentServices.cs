using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;

namespace Fenghuo.Incidents.Apis;

/// <summary>What the incident endpoints depend on, bound with [AsParameters].</summary>
public sealed record IncidentServices(
    TenantContext Caller,
    IncidentIntake Intake,
    ResponseActs Response,
    EscalationActs Escalations,
    ActRunner Runner,
    TenantDatabase Database,
    IncidentStore Store,
    TenantDirectory Directory,
    TimeProvider Time);
