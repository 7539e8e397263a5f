using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Apis;

public sealed record CodeName(string Code, string Name);

public sealed record DrillIncidentSpecView(string Category, string? Subcategory, Grade Grade, string Description);

public sealed record InjectView(Guid Id, int OffsetMinutes, CodeName Target, string Title, string Content, string ExpectedAction,
    DrillIncidentSpecView? DrillIncident, DateTimeOffset? DueAt, DateTimeOffset? DeliveredAt, string? Response, DateTimeOffset? RespondedAt,
    string? RespondedBy, double? ResponseMinutes);

public sealed record FindingView(Guid Id, string Title, FindingSeverity Severity, CodeName Owner, DateOnly DueOn, string? PlanSection,
    FindingState State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? ClosedBy, string? ClosingNote,
    DateTimeOffset? RevisionRequestedAt);

/// <summary>How one clock of a drill incident went: met in time, missed, or still running; minutes from the report to the act.</summary>
public sealed record ClockView(string IncidentNumber, DeadlineKind Kind, string KindName, string OwedBy, DateTimeOffset DueAt, DateTimeOffset? MetAt,
    string Outcome, double? Minutes, double? MinutesAllowed);

public sealed record DrillIncidentView(Guid IncidentId, string Number, string Tenant, Guid InjectId, Grade Grade, string Category, DateTimeOffset ReportedAt,
    IReadOnlyList<ClockView> Clocks);

public sealed record HistoryView(DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary);

/// <summary>An exercise with its participants, injects, drill incidents, findings and history.</summary>
public sealed record ExerciseView(
    Guid Id, string Organiser, string OrganiserName, string Title, ExerciseKind Kind, string KindName, string Scenario, IReadOnlyList<string> Objectives,
    DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, ExerciseState State, IReadOnlyList<CodeName> Participants,
    DateTimeOffset PlannedAt, string PlannedBy, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, DateTimeOffset? EvaluatedAt,
    string? EvaluationSummary, IReadOnlyList<InjectView> Injects, IReadOnlyList<DrillIncidentView> DrillIncidents,
    IReadOnlyList<FindingView> Findings, IReadOnlyList<HistoryView> History);

public sealed record ExerciseListItem(Guid Id, string Organiser, string Title, ExerciseKind Kind, ExerciseState State,
    DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, IReadOnlyList<string> Participants);

/// <summary>A tenant's yearly drill obligation: "minimum" with a number, or "regular" without one.</summary>
public sealed record ComplianceView(string Tenant, string TenantName, Requirement Requirement, int? Required, int Completed, ObligationStatus Status);

public sealed record ComplianceReport(int Year, IReadOnlyList<ComplianceView> Tenants);

public static class ExerciseViews
{
    public static ExerciseView Of(ExerciseRecord record, Func<string, string> nameOf)
    {
        var x = record.Exercise;
        return new ExerciseView(
            x.Id, x.TenantCode, nameOf(x.TenantCode), x.Title, x.Kind, EnumLabel.Chinese(x.Kind), x.Scenario, x.Objectives,
            x.ScheduledStart, x.ScheduledEnd, x.State, x.Participants.Select(p => new CodeName(p, nameOf(p))).ToList(),
            x.PlannedAt, x.PlannedBy, x.StartedAt, x.EndedAt, x.EvaluatedAt, x.EvaluationSummary,
            record.Injects.Select(i => Inject(i, nameOf)).ToList(),
            record.DrillIncidents.Select(d => DrillIncident(d, record.Clocks)).ToList(),
            record.Findings.Select(f => new FindingView(f.Id, f.Title, f.Severity, new CodeName(f.OwnerTenant, nameOf(f.OwnerTenant)), f.DueOn,
                f.PlanSection, f.State, f.OpenedAt, f.ClosedAt, f.ClosedBy, f.ClosingNote, f.RevisionRequestedAt)).ToList(),
            record.History.Select(h => new HistoryView(h.At, h.Act, h.Actor, h.ActorTenant, h.Summary)).ToList());
    }

    public static ExerciseListItem ListItem(Exercise x) =>
        new(x.Id, x.TenantCode, x.Title, x.Kind, x.State, x.ScheduledStart, x.ScheduledEnd, x.Participants);

    private static InjectView Inject(Inject i, Func<string, string> nameOf) =>
        new(i.Id, i.OffsetMinutes, new CodeName(i.Target, nameOf(i.Target)), i.Title, i.Content, i.ExpectedAction,
            i.Drill is { } d ? new DrillIncidentSpecView(d.Category, d.Subcategory, d.Grade, d.Description) : null,
            i.DueAt, i.DeliveredAt, i.Response, i.RespondedAt, i.RespondedBy, i.ResponseMinutes);

    private static DrillIncidentView DrillIncident(DrillIncidentRow d, IReadOnlyList<DrillClockRow> clocks) =>
        new(d.IncidentId, d.Number, d.TenantCode, d.InjectId, d.Grade, d.Category, d.ReportedAt,
            clocks.Where(c => c.IncidentId == d.IncidentId).Select(c => Clock(c, d.ReportedAt)).ToList());

    /// <summary>Minutes are counted from the drill incident's report: how long the act took, and how long the plan allowed.</summary>
    public static ClockView Clock(DrillClockRow c, DateTimeOffset reportedAt) =>
        new(c.Number, c.Kind, EnumLabel.Chinese(c.Kind), c.OwedBy, c.DueAt, c.MetAt,
            c.Met ? "met" : c.MetAt is not null ? "met_late" : "missed",
            c.MetAt is { } met ? Math.Round((met - reportedAt).TotalMinutes, 1) : null,
            Math.Round((c.DueAt - reportedAt).TotalMinutes, 1));
}
