using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Portal.Session;

/// <summary>
/// Which acts to offer: the role sets the incidents service enforces for acts a plan does not assign
/// per level (services/Incidents/Domain/ActRoles.cs). Response levels come from the plan's own
/// approver roles. The service still decides; a refusal it gives is shown with its reason.
/// </summary>
public static class IncidentActs
{
    public static readonly IReadOnlyList<string> Report =
        [Roles.Reporter, Roles.DutyOfficer, Roles.Reviewer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> Assess =
        [Roles.DutyOfficer, Roles.Reviewer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> CommandDesk =
        [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> TakeOver = [Roles.Commander, Roles.DeputyCommander];

    public static readonly IReadOnlyList<string> Close = [Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];
}
