using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Warnings.Domain;

/// <summary>
/// Who may do the acts a plan does not assign. Issuing, adjusting and lifting belong to the roles
/// in the issuing plan's <c>issuance.approverRoles</c>; these are the rest.
/// </summary>
public static class ActRoles
{
    /// <summary>提出预警建议: the duty desk, the office and the command.</summary>
    public static readonly IReadOnlyList<string> Propose =
        [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    /// <summary>签收: the duty desk of a tenant the warning reached, and above.</summary>
    public static readonly IReadOnlyList<string> Acknowledge = Propose;
}
