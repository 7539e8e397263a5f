using Fenghuo.Contracts;
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
    public string State { get; init; } = "";
    public string? Outcome { get; init; }
    public string Grade { get; init; } = "";
    public bool CapacityExceeded { get; init; }
    public string? RecommendedLevel { get; init; }
    public string? ResponseLevel { get; init; }
    public string? ResponseStartedBy { get; init; }
    public string CommandTenant { get; init; } = "";
    public string[] EscalatedTo { get; init; } = [];
    public string Category { get; init; } = "";
    public string? Subcategory { get; init; }
    public DateTime OccurredAt { get; init; }
    public DateTime ReportedAt { get; init; }
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

    public IncidentState Status => Parse<IncidentState>(State);

    public Grade Graded => Parse<Grade>(Grade);

    public AssessmentOutcome? Assessed => Outcome is null ? null : Parse<AssessmentOutcome>(Outcome);

    public bool WasEscalatedTo(string? tenantCode) => tenantCode is not null && EscalatedTo.Contains(tenantCode);

    /// <summary>The owner and the command holding the response act on the record itself.</summary>
    public bool IsOwnedOrCommandedBy(string? tenantCode) => tenantCode == TenantCode || tenantCode == CommandTenant;

    private static T Parse<T>(string label) where T : struct, Enum =>
        EnumLabel.TryParse<T>(label, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(T).Name} '{label}' in the incident table");
}
