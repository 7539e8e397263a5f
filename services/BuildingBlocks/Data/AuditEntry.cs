namespace Fenghuo.BuildingBlocks.Data;

/// <summary>One state-changing act: who did what to which record, for which tenant, and how it ended.</summary>
public sealed record AuditEntry(
    DateTimeOffset OccurredAt,
    string TenantCode,
    string Actor,
    string Action,
    string? Target,
    string Outcome,
    string? CorrelationId,
    string DetailsJson = "{}");
