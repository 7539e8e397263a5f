using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Exercises.Domain;

/// <summary>An exercise as stored: what it drills, who takes part, and where it stands.</summary>
public sealed record Exercise
{
    public Guid Id { get; init; }
    public string TenantCode { get; init; } = "";
    public string TenantPath { get; init; } = "";
    public string Title { get; init; } = "";
    public ExerciseKind Kind { get; init; }
    public string Scenario { get; init; } = "";
    public string[] Objectives { get; init; } = [];
    public DateTimeOffset ScheduledStart { get; init; }
    public DateTimeOffset ScheduledEnd { get; init; }
    public string[] Participants { get; init; } = [];
    public ExerciseState State { get; init; }
    public DateTimeOffset PlannedAt { get; init; }
    public string PlannedBy { get; init; } = "";
    public DateTimeOffset? StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndedBy { get; init; }
    public DateTimeOffset? EvaluatedAt { get; init; }
    public string? EvaluatedBy { get; init; }
    public string? EvaluationSummary { get; init; }
    public string? RequestHash { get; init; }
}

/// <summary>情景注入: what reaches the target participant at start + offset, and its answer.</summary>
public sealed record Inject
{
    public Guid Id { get; init; }
    public Guid ExerciseId { get; init; }
    public int Position { get; init; }
    public int OffsetMinutes { get; init; }
    public string Target { get; init; } = "";
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public string ExpectedAction { get; init; } = "";
    public string? DrillIncidentJson { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public string? Response { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    public string? RespondedBy { get; init; }

    public DrillSpec? Drill => DrillSpec.FromJson(DrillIncidentJson);

    /// <summary>Minutes from delivery to the answer; null until both happened.</summary>
    public double? ResponseMinutes => DeliveredAt is { } delivered && RespondedAt is { } answered
        ? Math.Round((answered - delivered).TotalMinutes, 1)
        : null;
}

// Rows as Dapper reads them: init properties, so the timestamptz handler applies.

public sealed record Participant
{
    public Guid ExerciseId { get; init; }
    public string TenantCode { get; init; } = "";
    public string TenantPath { get; init; } = "";
    public string TenantName { get; init; } = "";
    public DateTimeOffset? CompletedAt { get; init; }
}

public sealed record DrillIncidentRow
{
    public Guid IncidentId { get; init; }
    public Guid ExerciseId { get; init; }
    public Guid InjectId { get; init; }
    public string TenantCode { get; init; } = "";
    public string Number { get; init; } = "";
    public Grade Grade { get; init; }
    public string Category { get; init; } = "";
    public DateTimeOffset ReportedAt { get; init; }

    /// <summary>When the report upward falls due under the target's plan; null when nothing is owed upward in this drill.</summary>
    public DateTimeOffset? ReportDueAt { get; init; }
    public string? ReportOwedBy { get; init; }
}

/// <summary>One clock of a drill incident as the incidents service reported it: met (in time), missed, or met late.</summary>
public sealed record DrillClockRow
{
    public Guid DeadlineId { get; init; }
    public Guid ExerciseId { get; init; }
    public Guid InjectId { get; init; }
    public Guid IncidentId { get; init; }
    public string Number { get; init; } = "";
    public DeadlineKind Kind { get; init; }
    public string OwedBy { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset? MetAt { get; init; }
    public bool Met { get; init; }
}

/// <summary>评估发现的问题, tracked until its owner closes it.</summary>
public sealed record Finding
{
    public Guid Id { get; init; }
    public Guid ExerciseId { get; init; }
    public string Title { get; init; } = "";
    public FindingSeverity Severity { get; init; }
    public string OwnerTenant { get; init; } = "";
    public DateTime DueOnDate { get; init; }
    public string? PlanSection { get; init; }
    public FindingState State { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }
    public string? ClosingNote { get; init; }
    public DateTimeOffset? RevisionRequestedAt { get; init; }
    public string? RevisionRequestedBy { get; init; }

    public DateOnly DueOn => DateOnly.FromDateTime(DueOnDate);
}

public sealed record HistoryRow
{
    public Guid ExerciseId { get; init; }
    public DateTimeOffset At { get; init; }
    public string Act { get; init; } = "";
    public string Actor { get; init; } = "";
    public string ActorTenant { get; init; } = "";
    public string Summary { get; init; } = "";
}
