namespace Fenghuo.Contracts.Plans;

/// <summary>
/// 信息报告. Null minutes mean the plan is silent and the platform default applies.
/// <see cref="ImmediateMinutes"/> is the number "immediately" is measured against, with the reason it was chosen.
/// </summary>
public sealed record ReportingRules(
    int ImmediateMinutes,
    string ImmediateReason,
    IReadOnlyList<ReportDeadline> Deadlines,
    int? WrittenAfterPhoneMinutes,
    int? InquiryAnswerMinutes,
    bool FollowUpsUntilClosed,
    IReadOnlyList<ReportRecipient> Recipients,
    IReadOnlyList<string> Contents,
    string Source);
