namespace Fenghuo.Contracts.Plans;

/// <summary>后期处置. <see cref="ReviewDueDays"/> counts from the end of the response; null where the plan sets no deadline.</summary>
public sealed record AftermathRules(
    IReadOnlyList<ReviewRule> Reviews,
    int? ReviewDueDays,
    string RecoveryLead,
    string? Aftercare,
    string Source);
