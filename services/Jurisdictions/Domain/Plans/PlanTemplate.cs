namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// A starting point for onboarding: a complete plan with neutral placeholders in place of a
/// jurisdiction's names. <see cref="BasedOn"/> names the seed plan whose rules it follows.
/// </summary>
public sealed record PlanTemplate(string Id, string Name, string Description, string BasedOn, PlanDocument Plan);
