using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// Who may draft and publish a jurisdiction's plan: its own command (commander, deputy,
/// office director — the office keeps the plan), or a platform administrator configuring a tenant.
/// </summary>
public static class PlanAuthoring
{
    private static readonly string[] CommandRoles = [Roles.Commander, Roles.DeputyCommander, Roles.OfficeDirector];

    public static bool MayEdit(TenantContext caller, string tenantCode) =>
        caller.IsPlatformAdmin || (caller.TenantCode == tenantCode && CommandRoles.Any(caller.IsInRole));
}
