using Fenghuo.Warnings.Acts;
using Fenghuo.Warnings.Data;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;

namespace Fenghuo.Warnings.Apis;

/// <summary>What the warning endpoints depend on, bound with [AsParameters].</summary>
public sealed record WarningServices(
    TenantContext Context,
    WarningProposals Proposals,
    WarningActs Acts,
    ActRunner Runner,
    TenantDatabase Database,
    WarningStore Store,
    PlanRulesReplica Plans,
    TenantDirectory Directory,
    TimeProvider Time)
{
    public WarningCaller? Caller => WarningCaller.Of(Context);
}
