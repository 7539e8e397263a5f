namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>成员单位 and its duties in an incident, summarised.</summary>
public sealed record MemberUnit(string Name, IReadOnlyList<string> Duties, string Source);
