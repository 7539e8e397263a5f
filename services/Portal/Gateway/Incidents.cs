using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Portal.Gateway;

// The incidents API's answers (services/Incidents/Apis/IncidentViews.cs), as far as pages read them.

public sealed record Deadline(DeadlineKind Kind, DateTimeOffset DueAt, string Status, DateTimeOffset? MetAt, Guid? InquiryId, string OwedBy, string Source)
{
    public bool Running => Status == "due";

    public bool Missed => Status == "missed";
}

/// <param name="Seq">The entry's number in the record: 1 for the report, one more for each entry after it.</param>
public sealed record TimelineEntry(int Seq, DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary);

/// <summary>Older entries of a record, oldest first (GET api/incidents/{id}/timeline?before=); <see cref="Before"/> pages on while <see cref="HasMore"/>.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, int Total, bool HasMore, string? Before);

public sealed record Escalation(Guid Id, EscalationKind Kind, string FromTenant, string ToTenant, string Reason, bool Automatic,
    DateTimeOffset At, string By, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy)
{
    /// <summary>报告, 请求支援 or 请求接管指挥, as the incidents service names the kinds.</summary>
    public string KindName => EnumLabel.Chinese(Kind);

    /// <summary>A request to take over or for support asks more of the command than a report, and stands out.</summary>
    public string KindColour => Kind switch
    {
        EscalationKind.Handover => "red",
        EscalationKind.Support => "orange",
        _ => "blue",
    };

    /// <summary>Who sent it: the user, and whether the plan sent it by itself when that user started an escalating response.</summary>
    public string Sender => Automatic ? $"{By}（启动响应时按预案自动报送）" : By;
}

public sealed record Inquiry(Guid Id, string FromTenant, string ToTenant, string Question, DateTimeOffset AskedAt, string AskedBy,
    DateTimeOffset AnswerDueAt, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy);

public sealed record Incident(
    Guid Id, string Number, string Tenant, string TenantName, string State, Grade Grade, string Category, string? Subcategory,
    string? RecommendedResponseLevel, string? ResponseLevel, string CommandTenant, IReadOnlyList<string> EscalatedTo,
    DateTimeOffset OccurredAt, DateTimeOffset ReportedAt, string ReportedBy, string ReportingUnit, string OccurringUnit,
    string Reporter, string Description, string? MeasuresTaken, string? Location,
    IReadOnlyList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<Escalation> Escalations, IReadOnlyList<Inquiry> Inquiries, bool? Exercise = null,
    IReadOnlyList<string>? AllowedActs = null, IReadOnlyList<string>? AllowedLevels = null,
    int TimelineTotal = 0, bool TimelineHasMore = false, string? TimelineBefore = null)
{
    /// <summary>Whether the incidents service lets the caller do this act (its Lifecycle name) now.</summary>
    public bool Allows(string act) => AllowedActs?.Contains(act) == true;

    /// <summary>A drill's incident (演练): flagged by the exercises work, or numbered so by the incidents service.</summary>
    public bool IsDrill => Exercise == true || Number.Contains("演练", StringComparison.Ordinal);
}

public sealed record IncidentListItem(
    Guid Id, string Number, string Tenant, string State, Grade Grade, string Category, string? ResponseLevel,
    string CommandTenant, DateTimeOffset OccurredAt, DateTimeOffset ReportedAt, string OccurringUnit, string Description);

public sealed record EscalatedIncident(
    Guid Id, string Number, string Tenant, string State, Grade Grade, string Category, string? ResponseLevel,
    string CommandTenant, DateTimeOffset OccurredAt, string FromTenant, DateTimeOffset EscalatedAt, bool Acknowledged,
    string OccurringUnit, string Description, IReadOnlyList<Escalation> Escalations);

/// <summary>
/// Which incident pages to offer, before any incident exists to carry allowedActs: 事件上报 to those who
/// may report, 下级上报 to a command's duty desk (services/Incidents/Domain/ActRoles.cs). Acts on an
/// incident are the incidents service's to list (Incident.AllowedActs); the service still decides.
/// </summary>
public static class IncidentPages
{
    public static readonly IReadOnlyList<string> Report =
        [Roles.Reporter, Roles.DutyOfficer, Roles.Reviewer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static readonly IReadOnlyList<string> EscalationBoard =
        [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];
}

/// <summary>The states an incident passes through, in Chinese (services/Incidents/Domain/IncidentState.cs).</summary>
public static class IncidentStates
{
    private static readonly Dictionary<string, string> Chinese = new()
    {
        ["reported"] = "已报告",
        ["confirmed"] = "已确认",
        ["false_alarm"] = "误报",
        ["transferred"] = "非安全事件已移交",
        ["responding"] = "响应中",
        ["controlled"] = "已控制",
        ["response_ended"] = "响应结束",
        ["reviewed"] = "已总结",
        ["closed"] = "已关闭",
    };

    public static readonly IReadOnlySet<string> Finished = new HashSet<string> { "false_alarm", "transferred", "closed" };

    public static string Name(string state) => Chinese.GetValueOrDefault(state, state);
}
