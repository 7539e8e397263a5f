using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Portal.Gateway;

// The exercises API's answers (services/Exercises/Apis/ExerciseViews.cs), as far as pages read them.
// States, severities and requirements stay the API's snake_case codes; ExercisePages names them in Chinese.

public sealed record DrillIncidentSpec(string Category, string? Subcategory, Grade Grade, string Description);

public sealed record ExerciseInject(Guid Id, int OffsetMinutes, CodeName Target, string Title, string Content, string ExpectedAction,
    DrillIncidentSpec? DrillIncident, DateTimeOffset? DueAt, DateTimeOffset? DeliveredAt, string? Response, DateTimeOffset? RespondedAt,
    string? RespondedBy, double? ResponseMinutes, IReadOnlyList<string> AllowedActs);

public sealed record ExerciseFinding(Guid Id, string Title, string Severity, CodeName Owner, DateOnly DueOn, string? PlanSection,
    string State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? ClosedBy, string? ClosingNote, DateTimeOffset? RevisionRequestedAt,
    IReadOnlyList<string> AllowedActs);

public sealed record DrillClock(string IncidentNumber, DeadlineKind Kind, string KindName, CodeName OwedBy, DateTimeOffset DueAt, DateTimeOffset? MetAt,
    string Outcome, double? Minutes, double? MinutesAllowed);

public sealed record DrillIncident(Guid IncidentId, string Number, string Tenant, Guid InjectId, Grade Grade, string Category, DateTimeOffset ReportedAt,
    IReadOnlyList<DrillClock> Clocks);

public sealed record ExerciseHistory(DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary);

public sealed record Exercise(
    Guid Id, string Organiser, string OrganiserName, string Title, ExerciseKind Kind, string KindName, string Scenario, IReadOnlyList<string> Objectives,
    DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, string State, IReadOnlyList<CodeName> Participants,
    DateTimeOffset PlannedAt, string PlannedBy, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, DateTimeOffset? EvaluatedAt,
    string? EvaluationSummary, IReadOnlyList<ExerciseInject> Injects, IReadOnlyList<DrillIncident> DrillIncidents,
    IReadOnlyList<ExerciseFinding> Findings, IReadOnlyList<ExerciseHistory> History, IReadOnlyList<string> AllowedActs);

public sealed record ExerciseListItem(Guid Id, string Organiser, string OrganiserName, string Title, ExerciseKind Kind, string State,
    DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, IReadOnlyList<CodeName> Participants);

public sealed record DrillObligation(string Tenant, string TenantName, string Requirement, int? Required, int Completed, string Status);

public sealed record DrillCompliance(int Year, IReadOnlyList<DrillObligation> Tenants);

/// <summary>Chinese names of the exercises API's codes. Which acts a user may do on a drill the API says (allowedActs).</summary>
public static class ExercisePages
{
    /// <summary>
    /// 计划演练, before any exercise exists to carry allowedActs: services/Exercises/Domain/ActRoles.cs. Only
    /// whether to offer the page; the service still decides.
    /// </summary>
    public static readonly IReadOnlyList<string> Plan = [Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    private static readonly Dictionary<string, string> States = new()
    {
        ["planned"] = "计划中",
        ["running"] = "进行中",
        ["completed"] = "已结束",
        ["evaluated"] = "已评估",
    };

    private static readonly Dictionary<string, string> Severities = new()
    {
        ["minor"] = "一般",
        ["moderate"] = "较重",
        ["major"] = "严重",
    };

    public static IReadOnlyDictionary<string, string> SeverityNames => Severities;

    public static string State(string state) => States.GetValueOrDefault(state, state);

    public static string StateColour(string state) => state switch
    {
        "planned" => "blue",
        "running" => "orange",
        "completed" => "cyan",
        "evaluated" => "green",
        _ => "default",
    };

    public static string Severity(string severity) => Severities.GetValueOrDefault(severity, severity);

    public static string FindingState(string state) => state == "closed" ? "已整改" : "整改中";

    public static string Requirement(DrillObligation o) => o.Requirement switch
    {
        "minimum" => $"每年至少 {o.Required} 次",
        "regular" => "定期组织（未规定次数）",
        _ => "无生效预案",
    };

    public static string Obligation(string status) => status switch
    {
        "met" => "已完成",
        "due" => "待完成",
        "overdue" => "已逾期",
        _ => status,
    };

    public static string ObligationColour(string status) => status switch
    {
        "met" => "green",
        "overdue" => "red",
        _ => "gold",
    };

    public static string ClockOutcome(string outcome) => outcome switch
    {
        "met" => "按时",
        "met_late" => "超时后完成",
        "running" => "计时中",
        _ => "超时",
    };
}
