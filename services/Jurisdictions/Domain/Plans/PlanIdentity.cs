namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// 预案标识. Dates are nullable because some plans circulate undated; a null
/// <see cref="RevisionCycleYears"/> means the plan is revised "as needed".
/// </summary>
public sealed record PlanIdentity(
    string Title,
    string? DocumentNumber,
    DateOnly? IssuedOn,
    string IssuingBody,
    DateOnly? EffectiveFrom,
    int? RevisionCycleYears,
    string? RevisionNote,
    string Scope,
    string Source);
