namespace Fenghuo.Incidents.Domain;

/// <summary>
/// 上报表: the report form's fields by their English names. Codes (category, subcategory, grade)
/// are strings here so a wrong one gets a field error naming it rather than a parse failure.
/// </summary>
public sealed record ReportForm(
    string? ReportingUnit,
    string? OccurringUnit,
    DateTimeOffset? OccurredAt,
    string? Reporter,
    string? Reviewer,
    string? Category,
    string? Subcategory,
    string? Grade,
    IReadOnlyList<string>? Harms,
    string? Description,
    string? MeasuresTaken,
    string? ConsequenceEstimate,
    string? Suggestions,
    string? Location,
    string? Source,
    string? AffectedScope,
    string? EstimatedLoss,
    string? Trend);
