namespace Fenghuo.Contracts.Plans;

/// <summary>
/// The part of a published plan version other services run on: categories and grades for
/// report forms, warning levels, response levels with their approvers, reporting clocks,
/// review rules and the exercise minimum.
/// </summary>
public sealed record PlanRules(
    PlanTaxonomy Taxonomy,
    GradeScheme Grades,
    WarningScheme WarningScheme,
    IReadOnlyList<ResponseLevel> ResponseLevels,
    ResponseEnd ResponseEnd,
    ReportingRules Reporting,
    AftermathRules Aftermath,
    ExerciseRules Exercises);
