using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Notifications.Domain;

/// <summary>Who is told next when nobody acknowledges: 值班员 → 办公室主任 → 副指挥长 → 指挥长.</summary>
public static class EscalationLadder
{
    public static IReadOnlyList<string> Rungs { get; } = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    /// <summary>The rung above <paramref name="step"/>, or null at the top.</summary>
    public static (int Step, string Role)? Next(int step) =>
        step + 1 < Rungs.Count ? (step + 1, Rungs[step + 1]) : null;
}
