using Fenghuo.Contracts.Exercises;
using Fenghuo.Exercises.Apis;
using Fenghuo.Exercises.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Reports;

/// <summary>One inject's line in the report: when it went out, when and how it was answered.</summary>
public sealed record InjectResponseLine(Guid InjectId, int OffsetMinutes, string Target, string TargetName, string Title, string ExpectedAction,
    DateTimeOffset? DeliveredAt, DateTimeOffset? RespondedAt, string? RespondedBy, string? Response, double? ResponseMinutes);

/// <summary>演练总结报告: timeline, inject response times, the drill incidents' clock performance, findings.</summary>
public sealed record AfterActionReport(
    Guid ExerciseId, string Title, string Organiser, string OrganiserName, ExerciseKind Kind, string KindName, ExerciseState State,
    string Scenario, IReadOnlyList<string> Objectives, IReadOnlyList<CodeName> Participants,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, DateTimeOffset? EvaluatedAt, string? EvaluationSummary,
    IReadOnlyList<HistoryView> Timeline, IReadOnlyList<InjectResponseLine> InjectResponses, IReadOnlyList<DrillIncidentView> DrillIncidents,
    int ClocksMet, int ClocksMissed, IReadOnlyList<FindingView> Findings)
{
    public static AfterActionReport Of(ExerciseRecord record, Func<string, string> nameOf)
    {
        var view = ExerciseViews.Of(record, nameOf);
        var clocks = view.DrillIncidents.SelectMany(d => d.Clocks).ToList();
        return new AfterActionReport(
            view.Id, view.Title, view.Organiser, view.OrganiserName, view.Kind, view.KindName, view.State, view.Scenario, view.Objectives,
            view.Participants, view.StartedAt, view.EndedAt, view.EvaluatedAt, view.EvaluationSummary, view.History,
            view.Injects.Select(i => new InjectResponseLine(i.Id, i.OffsetMinutes, i.Target.Code, i.Target.Name, i.Title, i.ExpectedAction,
                i.DeliveredAt, i.RespondedAt, i.RespondedBy, i.Response, i.ResponseMinutes)).ToList(),
            view.DrillIncidents, clocks.Count(c => c.Outcome == "met"), clocks.Count(c => c.Outcome is "missed" or "met_late"), view.Findings);
    }
}
