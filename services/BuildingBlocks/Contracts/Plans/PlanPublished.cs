namespace Fenghuo.Contracts.Plans;

/// <summary>
/// A tenant published a new plan version. Versions are immutable, so consumers keep every
/// version they receive: an incident stays on the version in force when it was reported.
/// </summary>
/// <param name="PlanVersion">The tenant's own version number, growing from 1.</param>
public sealed record PlanPublished(
    int PlanVersion,
    DateOnly EffectiveFrom,
    string Title,
    string? DocumentNumber,
    PlanRules Rules) : IntegrationEvent;
