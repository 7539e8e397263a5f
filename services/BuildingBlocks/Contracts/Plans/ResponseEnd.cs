namespace Fenghuo.Contracts.Plans;

/// <summary>应急结束. <see cref="StarterEnds"/>: 谁启动，谁结束 — only the command that started a response ends it.</summary>
public sealed record ResponseEnd(
    bool StarterEnds,
    string ApprovedBy,
    string AnnouncedBy,
    IReadOnlyList<string> Conditions,
    string Source);
