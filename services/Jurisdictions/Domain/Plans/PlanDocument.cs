using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// 预案 as configuration: one JSON document per plan version. The rule-bearing parts are the
/// Contracts records other services receive in <see cref="PlanPublished"/>; identity,
/// organisation and the interpretations stay here.
/// </summary>
public sealed record PlanDocument(
    PlanIdentity Identity,
    PlanTaxonomy Taxonomy,
    GradeScheme Grades,
    WarningScheme WarningScheme,
    IReadOnlyList<ResponseLevel> ResponseLevels,
    ResponseEnd ResponseEnd,
    ReportingRules Reporting,
    AftermathRules Aftermath,
    PlanOrganisation Organisation,
    ExerciseRules Exercises,
    IReadOnlyList<PlanInterpretation> Interpretations)
{
    public PlanRules ToRules() =>
        new(Taxonomy, Grades, WarningScheme, ResponseLevels, ResponseEnd, Reporting, Aftermath, Exercises);
}
