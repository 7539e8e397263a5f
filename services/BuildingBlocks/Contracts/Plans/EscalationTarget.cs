namespace Fenghuo.Contracts.Plans;

/// <summary>
/// To whom an escalating response level goes (扩大应急 / 请求增援). <see cref="FromGrade"/>
/// limits escalation to that grade and above where the plan only sends the graver cases up.
/// </summary>
public sealed record EscalationTarget(EscalationTargetKind Kind, string Name, Grade? FromGrade, string Source);
