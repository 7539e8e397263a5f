using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Apis;

public sealed record CodeName(string Code, string Name);

public sealed record DrillIncidentSpecView(string Category, string? Subcategory, Grade Grade, string Description);

/// <param name="AllowedActs">What the caller may do to this inject now: "respond" for the target's duty desk while it waits for an answer.</param>
public sealed record InjectView(Guid Id, int OffsetMinutes, CodeName Target, string Title, string Content, string ExpectedAction,
    DrillIncidentSpecView? DrillIncident, DateTimeOffset? DueAt, DateTimeOffset? DeliveredAt, string? Response, DateTimeOffset? RespondedAt,
    string? RespondedBy, double? ResponseMinutes, IReadOnlyList<string> AllowedActs);

/// <param name="AllowedActs">What the caller may do to this finding now: "close", "request_plan_revision".</param>
public sealed record FindingView(Guid Id, string Title, FindingSeverity Severity, CodeName Owner, DateOnly DueOn, string? PlanSection,
    FindingState State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? ClosedBy, string? ClosingNote,
    DateTimeOffset? RevisionRequestedAt, IReadOnlyList<string> AllowedActs);

/// <summary>
/// How one clock of a drill incident went: "met" in time, "met_late", "missed", or "running" (the report upward
/// not yet made, due at DueAt); minutes from the report to the act.
/// </summary>
public sealed record ClockView(string IncidentNumber, DeadlineKind Kind, string KindName, CodeName OwedBy, DateTimeOffset DueAt, DateTimeOffset? MetAt,
    string Outcome, double? Minutes, double? MinutesAllowed);

public sealed record DrillIncidentView(Guid IncidentId, string Number, string Tenant, Guid InjectId, Grade Grade, string Category, DateTimeOffset ReportedAt,
    IReadOnlyList<ClockView> Clocks);

public sealed record HistoryView(DateTimeOffset At, string Act, string Actor, string ActorTenant, string Summary);

/// <summary>An exercise with its participants, injects, drill incidents, findings and history.</summary>
/// <param name="AllowedActs">What the caller may do to the exercise now: "start", "end", "evaluate" (the organiser's office director or command, in turn).</param>
public sealed record ExerciseView(
    Guid Id, string Organiser, string OrganiserName, string Title, ExerciseKind Kind, string KindName, string Scenario, IReadOnlyList<string> Objectives,
    DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, ExerciseState State, IReadOnlyList<CodeName> Participants,
    DateTimeOffset PlannedAt, string PlannedBy, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, DateTimeOffset? EvaluatedAt,
    string? EvaluationSummary, IReadOnlyList<InjectView> Injects, IReadOnlyList<DrillIncidentView> DrillIncidents,
    IReadOnlyList<FindingView> Findings, IReadOnlyList<HistoryView> History, IReadOnlyList<string> AllowedActs);

public sealed record ExerciseListItem(Guid Id, string Organiser, string OrganiserName, string Title, ExerciseKind Kind, ExerciseState State,
    DateTimeOffset ScheduledStart, DateTimeOffset ScheduledEnd, IReadOnlyList<CodeName> Participants);

/// <summary>A tenant's yearly drill obligation: "minimum" with a number, or "regular" without one.</summary>
public sealed record ComplianceView(string Tenant, string TenantName, Requirement Requirement, int? Required, int Completed, ObligationStatus Status);

public sealed record ComplianceReport(int Year, IReadOnlyList<ComplianceView> Tenants);

public static class ExerciseViews
{
    /// <summary>The exercise as the caller sees it; without a caller (the printed report) no acts are offered.</summary>
    public static ExerciseView Of(ExerciseRecord record, Func<string, string> nameOf, TenantContext? caller = null)
    {
        var x = record.Exercise;
        IReadOnlyList<string> Allowed(params (string Name, ActRule Rule, string? Target, bool Open)[] acts) =>
            caller is null ? [] : acts.Where(a => a.Open && Lifecycle.Allows(a.Rule, x, caller, a.Target)).Select(a => a.Name).ToList();
        return new ExerciseView(
            x.Id, x.TenantCode, nameOf(x.TenantCode), x.Title, x.Kind, EnumLabel.Chinese(x.Kind), x.Scenario, x.Objectives,
            x.ScheduledStart, x.ScheduledEnd, x.State, x.Participants.Select(p => new CodeName(p, nameOf(p))).ToList(),
            x.PlannedAt, x.PlannedBy, x.StartedAt, x.EndedAt, x.EvaluatedAt, x.EvaluationSummary,
            record.Injects.Select(i => Inject(i, nameOf,
                Allowed(("respond", Lifecycle.Respond, i.Target, i.DeliveredAt is not null && i.RespondedAt is null)))).ToList(),
            record.DrillIncidents.Select(d => DrillIncident(d, record.Clocks, nameOf)).ToList(),
            record.Findings.Select(f => new FindingView(f.Id, f.Title, f.Severity, new CodeName(f.OwnerTenant, nameOf(f.OwnerTenant)), f.DueOn,
                f.PlanSection, f.State, f.OpenedAt, f.ClosedAt, f.ClosedBy, f.ClosingNote, f.RevisionRequestedAt,
                Allowed(("close", Lifecycle.CloseFinding, null, f.State != FindingState.Closed),
                    ("request_plan_revision", Lifecycle.RevisePlan, null, f.RevisionRequestedAt is null)))).ToList(),
            record.History.Select(h => new HistoryView(h.At, h.Act, h.Actor, h.ActorTenant, h.Summary)).ToList(),
            Allowed(("start", Lifecycle.Start, null, true), ("end", Lifecycle.End, null, true), ("evaluate", Lifecycle.Evaluate, null, true)));
    }

    public static ExerciseListItem ListItem(Exercise x, Func<string, string> nameOf) =>
        new(x.Id, x.TenantCode, nameOf(x.TenantCode), x.Title, x.Kind, x.State, x.ScheduledStart, x.ScheduledEnd,
            x.Participants.Select(p => new CodeName(p, nameOf(p))).ToList());

    private static InjectView Inject(Inject i, Func<string, string> nameOf, IReadOnlyList<string> allowedActs) =>
        new(i.Id, i.OffsetMinutes, new CodeName(i.Target, nameOf(i.Target)), i.Title, i.Content, i.ExpectedAction,
            i.Drill is { } d ? new DrillIncidentSpecView(d.Category, d.Subcategory, d.Grade, d.Description) : null,
            i.DueAt, i.DeliveredAt, i.Response, i.RespondedAt, i.RespondedBy, i.ResponseMinutes, allowedActs);

    /// <summary>The clocks the incidents service settled, and the report upward while it still runs.</summary>
    private static DrillIncidentView DrillIncident(DrillIncidentRow d, IReadOnlyList<DrillClockRow> clocks, Func<string, string> nameOf)
    {
        var settled = clocks.Where(c => c.IncidentId == d.IncidentId).Select(c => Clock(c, d.ReportedAt, nameOf)).ToList();
        if (d.ReportDueAt is { } due && d.ReportOwedBy is { } owedBy && !settled.Any(c => c.Kind == DeadlineKind.ReportUpward))
        {
            settled.Insert(0, new ClockView(d.Number, DeadlineKind.ReportUpward, EnumLabel.Chinese(DeadlineKind.ReportUpward), new CodeName(owedBy, nameOf(owedBy)),
                due, null, "running", null, Math.Round((due - d.ReportedAt).TotalMinutes, 1)));
        }
        return new(d.IncidentId, d.Number, d.TenantCode, d.InjectId, d.Grade, d.Category, d.ReportedAt, settled);
    }

    /// <summary>Minutes are counted from the drill incident's report: how long the act took, and how long the plan allowed.</summary>
    public static ClockView Clock(DrillClockRow c, DateTimeOffset reportedAt, Func<string, string> nameOf) =>
        new(c.Number, c.Kind, EnumLabel.Chinese(c.Kind), new CodeName(c.OwedBy, nameOf(c.OwedBy)), c.DueAt, c.MetAt,
            c.Met ? "met" : c.MetAt is not null ? "met_late" : "missed",
            c.MetAt is { } met ? Math.Round((met - reportedAt).TotalMinutes, 1) : null,
            Math.Round((c.DueAt - reportedAt).TotalMinutes, 1));
}
