using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Incidents.Domain;

/// <summary>The deadlines a plan version sets, computed from its rules alone.</summary>
public static class Clocks
{
    /// <summary>
    /// 向上报告: a timed clock runs from occurrence (事发后); an "immediately" clock from when the
    /// platform learnt of it (获知后), which is when the report was recorded. None where the plan sets
    /// no clock for the grade, or the reporting tenant has nobody above it.
    /// </summary>
    public static Clock? ReportUpward(PlanRules plan, Grade grade, string owner, bool hasParent, DateTimeOffset occurredAt, DateTimeOffset reportedAt)
    {
        if (!hasParent || plan.ReportDeadlineFor(grade) is not { } deadline)
        {
            return null;
        }
        var start = deadline.From == ClockStart.Occurrence ? occurredAt : reportedAt;
        return new Clock(DeadlineKind.ReportUpward, start.AddMinutes(deadline.Minutes), owner, deadline.Source);
    }

    /// <summary>书面报告 after a phone report, where the plan asks for one (003: within 30 minutes).</summary>
    public static Clock? WrittenReport(PlanRules plan, string owedBy, DateTimeOffset phonedAt) =>
        plan.Reporting.WrittenAfterPhoneMinutes is { } minutes
            ? new Clock(DeadlineKind.WrittenReport, phonedAt.AddMinutes(minutes), owedBy, plan.Reporting.Source)
            : null;

    /// <summary>
    /// The answering tenant's plan sets the answer deadline (003: 30 minutes); where it is silent, the platform default.
    /// The source is shown to users beside the deadline, so it is Chinese only, like a plan's own sources.
    /// </summary>
    public static Clock InquiryAnswer(PlanRules? answeringPlan, int defaultMinutes, string owedBy, DateTimeOffset askedAt, Guid inquiryId) =>
        answeringPlan?.Reporting.InquiryAnswerMinutes is { } minutes
            ? new Clock(DeadlineKind.InquiryAnswer, askedAt.AddMinutes(minutes), owedBy, answeringPlan.Reporting.Source, inquiryId)
            : new Clock(DeadlineKind.InquiryAnswer, askedAt.AddMinutes(defaultMinutes), owedBy, $"平台默认：{defaultMinutes} 分钟内答复", inquiryId);

    /// <summary>总结评估 after the response ends, where the plan sets a deadline (004: 30 days).</summary>
    public static Clock? Review(PlanRules plan, string owedBy, DateTimeOffset endedAt) =>
        plan.ReviewDue(endedAt) is { } due ? new Clock(DeadlineKind.Review, due, owedBy, plan.Aftermath.Source) : null;
}
