namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// A choice the platform made where the plan text is silent or vague (for example how many
/// minutes "immediately" is), kept in the document so a reviewer can see and change it.
/// </summary>
public sealed record PlanInterpretation(string Topic, string Choice, string Reason, string Source);
