using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Incidents.Domain;

/// <summary>
/// Who may do the acts the plans do not assign per level. Response levels are the plan's own
/// business (its approver roles); the analyst only reads, and the platform administrator reads no
/// incident contents at all.
/// </summary>
public static class ActRoles
{
    public static readonly IReadOnlyList<string> Report =
        [Roles.Reporter, Roles.DutyOfficer, Roles.Reviewer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> Assess =
        [Roles.DutyOfficer, Roles.Reviewer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> Escalate = Assess;

    /// <summary>The duty desk of a command an incident was escalated to: signs for it and asks questions.</summary>
    public static readonly IReadOnlyList<string> CommandDesk =
        [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> TakeOver = [Roles.Commander, Roles.DeputyCommander];

    /// <summary>Follow-ups and answers to inquiries: anyone who may report.</summary>
    public static readonly IReadOnlyList<string> Write = Report;

    public static readonly IReadOnlyList<string> Review =
        [Roles.DutyOfficer, Roles.Reviewer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> Close = [Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static bool HasAny(this TenantContext caller, IEnumerable<string> roles) => roles.Any(caller.IsInRole);
}
