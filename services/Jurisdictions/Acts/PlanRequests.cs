namespace Fenghuo.Jurisdictions.Acts;

/// <summary>Where a new draft starts: a copy of the plan in force ("current"), a template, or another jurisdiction's plan.</summary>
public sealed record PlanDraftRequest(string? From, string? Template, string? CopyFrom);

/// <summary>Publication; the effective date defaults to today (China Standard Time).</summary>
public sealed record PlanPublishRequest(DateOnly? EffectiveFrom);
