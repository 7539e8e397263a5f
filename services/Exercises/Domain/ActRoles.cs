using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Exercises.Domain;

/// <summary>Who may do what to an exercise.</summary>
public static class ActRoles
{
    /// <summary>组织演练: the command office's director and the command.</summary>
    public static readonly IReadOnlyList<string> Organise = [Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    /// <summary>回应情景注入: the duty desk of the target and above.</summary>
    public static readonly IReadOnlyList<string> Respond = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];
}
