using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Apis;

public sealed record DeadlineView(DeadlineKind Kind, DateTimeOffset DueAt, DeadlineStatus Status, DateTimeOffset? MetAt, long? TimeLeftSeconds, Guid? InquiryId, string OwedBy, string Source);

/// <param name="Seq">The entry's number in the record: 1 for the report, one more for each entry after it, never a gap.</param>
public sealed record TimelineEntryView(int Seq, DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary);

/// <summary>
/// A run of an incident's timeline, oldest first. While <paramref name="HasMore"/>, older entries remain:
/// GET /api/incidents/{id}/timeline?before=<paramref name="Before"/> pages on. <paramref name="Total"/> counts the whole record.
/// </summary>
public sealed record TimelinePageView(IReadOnlyList<TimelineEntryView> Entries, int Total, bool HasMore, string? Before);

public sealed record EscalationView(Guid Id, EscalationKind Kind, string FromTenant, string ToTenant, string Reason, bool Automatic, bool ByPhone,
    DateTimeOffset At, string By, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);

public sealed record InquiryView(Guid Id, string FromTenant, string ToTenant, string Question, DateTimeOffset AskedAt, string AskedBy,
    DateTimeOffset AnswerDueAt, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy);

/// <summary>
/// An incident with its form, where it stands, its clocks and the newest page of its record; and what
/// the caller may do on it now (acts by their Lifecycle names; levels it may start, or change the response to).
/// <c>Timeline</c> holds the newest entries (at most <see cref="IncidentStore.NewestPageSize"/>), oldest first, so
/// every answer costs the same however long the record grows; <c>TimelineTotal</c> counts the whole record, and
/// while <c>TimelineHasMore</c>, GET /api/incidents/{id}/timeline?before=<c>TimelineBefore</c> pages through older entries.
/// </summary>
public sealed record IncidentView(
    Guid Id, string Number, string Tenant, string TenantName, IncidentState State, AssessmentOutcome? Outcome, Grade Grade,
    string Category, string? Subcategory, bool CapacityExceeded, string? RecommendedResponseLevel, string? ResponseLevel,
    string? ResponseStartedBy, string CommandTenant, int PlanVersion, IReadOnlyList<string> EscalatedTo,
    DateTimeOffset OccurredAt, DateTimeOffset ReportedAt, string ReportedBy, string ReportingUnit, string OccurringUnit,
    string Reporter, string? Reviewer, IReadOnlyList<string> Harms, string Description, string? MeasuresTaken,
    string? ConsequenceEstimate, string? Suggestions, string? Location, string? Source, string? AffectedScope,
    string? EstimatedLoss, string? Trend, string? ReviewSummary,
    IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<TimelineEntryView> Timeline,
    IReadOnlyList<EscalationView> Escalations, IReadOnlyList<InquiryView> Inquiries, bool Exercise, Guid? ExerciseId,
    IReadOnlyList<string> AllowedActs, IReadOnlyList<string> AllowedLevels, int TimelineTotal, bool TimelineHasMore, string? TimelineBefore);

/// <summary>A line of a listing.</summary>
public sealed record IncidentListItem(
    Guid Id, string Number, string Tenant, IncidentState State, Grade Grade, string Category, string? Subcategory,
    string? ResponseLevel, string CommandTenant, DateTimeOffset OccurredAt, DateTimeOffset ReportedAt, string OccurringUnit, string Description,
    bool Exercise);

/// <summary>
/// An incident in a command's inbox of escalations, with the newest page of its record (paged on as the
/// incident view's) and each escalation sent to this command: kind, reason, by whom, when.
/// </summary>
public sealed record EscalatedIncidentView(
    Guid Id, string Number, string Tenant, IncidentState State, Grade Grade, string Category, string? ResponseLevel,
    string CommandTenant, DateTimeOffset OccurredAt, string FromTenant, DateTimeOffset EscalatedAt, bool Acknowledged,
    string OccurringUnit, string Description, IReadOnlyList<TimelineEntryView> Timeline, bool Exercise,
    IReadOnlyList<EscalationView> Escalations, int TimelineTotal, bool TimelineHasMore, string? TimelineBefore);

public sealed record IncidentCountView(string Tenant, IncidentState State, Grade Grade, long Count);

public static class IncidentViews
{
    public static IncidentView Of(IncidentRecord record, string tenantName, DateTimeOffset now, AllowedActs allowed)
    {
        var i = record.Incident;
        return new IncidentView(
            i.Id, i.Number, i.TenantCode, tenantName, i.State, i.Outcome, i.Grade, i.Category, i.Subcategory, i.CapacityExceeded,
            i.RecommendedLevel, i.ResponseLevel, i.ResponseStartedBy, i.CommandTenant, i.PlanVersion, i.EscalatedTo,
            i.OccurredAt, i.ReportedAt, i.ReportedBy, i.ReportingUnit, i.OccurringUnit, i.Reporter, i.Reviewer, i.Harms,
            i.Description, i.MeasuresTaken, i.ConsequenceEstimate, i.Suggestions, i.Location, i.Source, i.AffectedScope,
            i.EstimatedLoss, i.Trend, i.ReviewSummary,
            record.Deadlines.Select(d => Of(d, now)).ToList(),
            record.Timeline.Entries.Select(Of).ToList(),
            record.Escalations.Select(Of).ToList(),
            record.Inquiries.Select(q => new InquiryView(q.Id, q.FromTenant, q.ToTenant, q.Question, q.AskedAt, q.AskedBy,
                q.AnswerDueAt, q.Answer, q.AnsweredAt, q.AnsweredBy)).ToList(),
            i.Exercise, i.ExerciseId, allowed.Acts, allowed.Levels,
            record.Timeline.Total, record.Timeline.HasMore, TimelineQuery.Cursor(record.Timeline.Before));
    }

    public static TimelinePageView Page(TimelinePage page) =>
        new(page.Entries.Select(Of).ToList(), page.Total, page.HasMore, TimelineQuery.Cursor(page.Before));

    public static IncidentListItem ListItem(Incident i) => new(
        i.Id, i.Number, i.TenantCode, i.State, i.Grade, i.Category, i.Subcategory, i.ResponseLevel, i.CommandTenant,
        i.OccurredAt, i.ReportedAt, i.OccurringUnit, i.Description, i.Exercise);

    public static EscalatedIncidentView Escalated(EscalatedIncident e) => new(
        e.Incident.Id, e.Incident.Number, e.Incident.TenantCode, e.Incident.State, e.Incident.Grade, e.Incident.Category,
        e.Incident.ResponseLevel, e.Incident.CommandTenant, e.Incident.OccurredAt, e.Escalation.FromTenant,
        e.Escalation.LastEscalatedAt, e.Escalation.Acknowledged, e.Incident.OccurringUnit, e.Incident.Description,
        e.Timeline.Entries.Select(Of).ToList(), e.Incident.Exercise, e.Escalations.Select(Of).ToList(),
        e.Timeline.Total, e.Timeline.HasMore, TimelineQuery.Cursor(e.Timeline.Before));

    public static IncidentCountView Count(IncidentCount c) =>
        new(c.Tenant, c.State, c.Grade, c.Count);

    /// <summary>Time left is shown while a clock runs; negative never — a passed clock is missed.</summary>
    private static DeadlineView Of(DeadlineRow d, DateTimeOffset now)
    {
        long? left = d.Status == DeadlineStatus.Due ? Math.Max(0, (long)(d.DueAt - now).TotalSeconds) : null;
        return new DeadlineView(d.Kind, d.DueAt, d.Status, d.MetAt, left, d.InquiryId, d.OwedBy, d.Source);
    }

    private static EscalationView Of(EscalationRow e) =>
        new(e.Id, e.Kind, e.FromTenant, e.ToTenant, e.Reason, e.Automatic, e.ByPhone, e.At, e.By, e.AcknowledgedAt, e.AcknowledgedBy);

    private static TimelineEntryView Of(TimelineRow t) => new(t.Seq, t.At, t.Act, t.Actor, t.ActorTenant, t.Summary);
}
