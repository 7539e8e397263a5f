namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>应急工作组: lead unit (牵头), member units (组成) and duties.</summary>
public sealed record WorkingGroup(
    string Name,
    string? LeadUnit,
    IReadOnlyList<string> MemberUnits,
    IReadOnlyList<string> Duties,
    string Source);
