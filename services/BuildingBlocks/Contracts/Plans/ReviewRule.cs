namespace Fenghuo.Contracts.Plans;

/// <summary>Who reviews an event of one grade and where the review report goes.</summary>
public sealed record ReviewRule(Grade Grade, ReviewLead Lead, string LeadUnit, IReadOnlyList<string> ReportTo, string Source);
