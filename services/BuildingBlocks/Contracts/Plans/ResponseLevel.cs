namespace Fenghuo.Contracts.Plans;

/// <summary>
/// 应急响应级别. A plan lists its levels highest first; codes are I, II, III or a plan's own
/// (a single-response plan uses "single"). <see cref="ApproverRoles"/> are realm role names.
/// </summary>
public sealed record ResponseLevel(
    string Code,
    string Name,
    string Summary,
    IReadOnlyList<ResponseTrigger> Triggers,
    IReadOnlyList<string> ApproverRoles,
    string StartProcedure,
    bool EscalatesToParent,
    EscalationTarget? Escalation,
    IReadOnlyList<string> Measures,
    string Source);
