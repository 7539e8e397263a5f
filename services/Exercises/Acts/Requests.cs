namespace Fenghuo.Exercises.Acts;

// Bodies of the endpoints. Codes and labels arrive as strings so a wrong one gets a field error naming the right ones.

/// <summary>计划演练: participants are tenant codes of the organiser's subtree (the organiser always takes part).</summary>
public sealed record PlanRequest(
    string? Title, string? Kind, string? Scenario, string[]? Objectives, DateTimeOffset? ScheduledStart, DateTimeOffset? ScheduledEnd,
    string[]? Participants, InjectRequest[]? Injects);

/// <summary>An inject: minutes after the start, the participant it is addressed to, what it says and the action expected.</summary>
public sealed record InjectRequest(int? OffsetMinutes, string? Target, string? Title, string? Content, string? ExpectedAction, DrillIncidentRequest? DrillIncident);

/// <summary>The drill incident an inject opens at its target: a category of the target's plan, a grade, what happened.</summary>
public sealed record DrillIncidentRequest(string? Category, string? Subcategory, string? Grade, string? Description);

public sealed record ResponseRequest(string? Response);

public sealed record EvaluationRequest(string? Summary, FindingRequest[]? Findings);

/// <summary>A finding: its owner is a participant; the due date is a China date.</summary>
public sealed record FindingRequest(string? Title, string? Severity, string? Owner, DateOnly? DueOn, string? PlanSection);

public sealed record CloseFindingRequest(string? Note);
