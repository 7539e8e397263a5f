using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Tenancy;

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
