using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Portal.Gateway;

// The warnings API's answers (services/Warnings/Apis/WarningViews.cs), as far as pages read them.

public sealed record CodeName(string Code, string Name);

public sealed record WarningItem(
    Guid Id, string Number, string Tenant, string IssuingBody, string Direction, string State, CodeName Level,
    WarningColour? Colour, string Title, string Category, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt,
    bool Exercise, int? Receipts, int? Acknowledged, bool? AcknowledgedByCaller);

public sealed record WarningHistory(DateTimeOffset At, string Act, string Actor, string ActorTenant, string Level, string Summary);

public sealed record WarningReceipt(string Tenant, string TenantName, bool Acknowledged, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>One warning as GET /api/warnings/{id} gives it: measures, how it ended and why, its history and the receipts the caller may see.</summary>
public sealed record Warning(
    Guid Id, string Number, string Tenant, string IssuingBody, string Direction, string State, CodeName Level, WarningColour? Colour,
    string Title, string Situation, CodeName Category, string AffectedScope, IReadOnlyList<string> PlanMeasures, IReadOnlyList<string> Measures,
    DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, string Publicity, bool Exercise,
    DateTimeOffset ProposedAt, string ProposedBy, DateTimeOffset? IssuedAt, string? IssuedBy, DateTimeOffset? EndedAt, string? EndReason,
    IReadOnlyList<WarningHistory> History, IReadOnlyList<WarningReceipt> Receipts);

public sealed record WarningLevel(string Code, string Name, WarningColour? Colour);

public sealed record WarningLevels(int PlanVersion, IReadOnlyList<WarningLevel> Levels, IReadOnlyList<string> ApproverRoles);

public static class WarningPages
{
    /// <summary>
    /// 拟发布预警, before any warning exists to act on: services/Warnings/Domain/ActRoles.cs. Only whether
    /// to offer the form; the service still decides.
    /// </summary>
    public static readonly IReadOnlyList<string> Propose = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    private static readonly Dictionary<string, string> States = new()
    {
        ["proposed"] = "待发布",
        ["in_force"] = "生效中",
        ["adjusted"] = "已调整（生效中）",
        ["lifted"] = "已解除",
        ["expired"] = "已到期",
    };

    public static string State(string state) => States.GetValueOrDefault(state, state);

    public static string Direction(string direction) => direction switch
    {
        "issued" => "本级发布",
        "received" => "上级下发",
        "reported" => "下级报备",
        _ => direction,
    };

    public static string Publicity(string publicity) => publicity switch
    {
        "public" => "公开",
        "internal" => "内部",
        "confidential" => "涉密",
        _ => publicity,
    };

    public static string Colour(WarningColour? colour) => colour switch
    {
        WarningColour.Red => "red",
        WarningColour.Orange => "orange",
        WarningColour.Yellow => "gold",
        WarningColour.Blue => "blue",
        _ => "default",
    };
}
