using Fenghuo.Contracts;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Data;

/// <summary>The columns of a freshly reported incident, as the insert binds them.</summary>
public sealed record NewIncident(
    Guid Id,
    string TenantCode,
    string TenantPath,
    string Number,
    int PlanVersion,
    string Grade,
    string? RecommendedLevel,
    string Category,
    string? Subcategory,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReportedAt,
    string ReportedBy,
    string ReportingUnit,
    string OccurringUnit,
    string Reporter,
    string? Reviewer,
    string[] Harms,
    string Description,
    string? MeasuresTaken,
    string? ConsequenceEstimate,
    string? Suggestions,
    string? Location,
    string? Source,
    string? AffectedScope,
    string? EstimatedLoss,
    string? Trend,
    string? IdempotencyKey,
    string? RequestHash,
    DrillOrigin? Drill = null)
{
    public bool Exercise => Drill is not null;
    public Guid? ExerciseId => Drill?.ExerciseId;
    public Guid? InjectId => Drill?.InjectId;
    public string[] DrillParticipants => Drill?.Participants.ToArray() ?? [];

    /// <summary>The columns of a reported incident as it stands before it has its number.</summary>
    public static NewIncident Of(Incident incident, string? idempotencyKey) => new(
        incident.Id, incident.TenantCode, incident.TenantPath, incident.Number, incident.PlanVersion, EnumLabel.Of(incident.Grade),
        incident.RecommendedLevel, incident.Category, incident.Subcategory, incident.OccurredAt, incident.ReportedAt, incident.ReportedBy,
        incident.ReportingUnit, incident.OccurringUnit, incident.Reporter, incident.Reviewer, incident.Harms, incident.Description,
        incident.MeasuresTaken, incident.ConsequenceEstimate, incident.Suggestions, incident.Location, incident.Source,
        incident.AffectedScope, incident.EstimatedLoss, incident.Trend, idempotencyKey, incident.RequestHash);
}

/// <summary>The exercise and inject a drill incident came from, and the participants its escalation stays among.</summary>
public sealed record DrillOrigin(Guid ExerciseId, Guid InjectId, IReadOnlyList<string> Participants);
