namespace Fenghuo.Contracts.Exercises;

/// <summary>
/// 预案修订: an exercise's finding asks its owning tenant for a plan-revision draft citing it
/// (plans are revised from what drills reveal). The header names the organiser and the exercise;
/// the jurisdictions service opens the owner's draft from its plan in force, or cites the finding
/// on the draft already open.
/// </summary>
public sealed record PlanRevisionRequested(
    Guid FindingId,
    string FindingTitle,
    string OwningTenant,
    string? PlanSection,
    string RequestedBy) : ExerciseEvent;
