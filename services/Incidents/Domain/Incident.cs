using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Incidents.Domain;

/// <summary>An incident as stored: the report form, where it stands, and who holds command.</summary>
public sealed record Incident
{
    public Guid Id { get; init; }
    public string TenantCode { get; init; } = "";
    public string TenantPath { get; init; } = "";
    public string Number { get; init; } = "";
    public int PlanVersion { get; init; }
    public IncidentState State { get; init; }
    public AssessmentOutcome? Outcome { get; init; }
    public Grade Grade { get; init; }
    public bool CapacityExceeded { get; init; }
    public string? RecommendedLevel { get; init; }
    public string? ResponseLevel { get; init; }
    public string? ResponseStartedBy { get; init; }
    public string CommandTenant { get; init; } = "";
    public string[] EscalatedTo { get; init; } = [];
    public string Category { get; init; } = "";
    public string? Subcategory { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset ReportedAt { get; init; }
    public string ReportedBy { get; init; } = "";
    public string ReportingUnit { get; init; } = "";
    public string OccurringUnit { get; init; } = "";
    public string Reporter { get; init; } = "";
    public string? Reviewer { get; init; }
    public string[] Harms { get; init; } = [];
    public string Description { get; init; } = "";
    public string? MeasuresTaken { get; init; }
    public string? ConsequenceEstimate { get; init; }
    public string? Suggestions { get; init; }
    public string? Location { get; init; }
    public string? Source { get; init; }
    public string? AffectedScope { get; init; }
    public string? EstimatedLoss { get; init; }
    public string? Trend { get; init; }
    public string? ReviewSummary { get; init; }
    public string? RequestHash { get; init; }

    /// <summary>A drill (演练): opened by an exercise's inject, never counted in real figures.</summary>
    public bool Exercise { get; init; }
    public Guid? ExerciseId { get; init; }
    public Guid? InjectId { get; init; }

    /// <summary>The exercise's participants: a drill's escalation stays among them.</summary>
    public string[] DrillParticipants { get; init; } = [];

    /// <summary>Whether the incident may be sent up to this command: any parent for a real incident, a participating one for a drill.</summary>
    public bool MayReach(string? parentCode) => parentCode is not null && (!Exercise || DrillParticipants.Contains(parentCode));

    public bool WasEscalatedTo(string? tenantCode) => tenantCode is not null && EscalatedTo.Contains(tenantCode);

    /// <summary>The owner and the command holding the response act on the record itself.</summary>
    public bool IsOwnedOrCommandedBy(string? tenantCode) => tenantCode == TenantCode || tenantCode == CommandTenant;

}
