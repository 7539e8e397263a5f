using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>
/// Reporting clocks: positive minutes, one deadline per grade, and every "immediately" measured
/// by the same configured number so the plan says "immediately" once.
/// </summary>
internal static class ReportingChecks
{
    public static void Check(ReportingRules? reporting, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        if (!errors.Present("reporting", reporting))
        {
            return;
        }
        errors.Positive("reporting.immediateMinutes", reporting.ImmediateMinutes);
        errors.Text("reporting.immediateReason", reporting.ImmediateReason);
        errors.Positive("reporting.writtenAfterPhoneMinutes", reporting.WrittenAfterPhoneMinutes);
        errors.Positive("reporting.inquiryAnswerMinutes", reporting.InquiryAnswerMinutes);
        errors.Texts("reporting.contents", reporting.Contents, nonEmpty: false);
        errors.Text("reporting.source", reporting.Source);
        var reportable = new HashSet<Grade>(inUse) { Grade.Undetermined };
        var deadlines = errors.List("reporting.deadlines", reporting.Deadlines, nonEmpty: false);
        errors.Unique("reporting.deadlines", deadlines, d => EnumLabel.Of(d.Grade), "grade");
        for (var i = 0; i < deadlines.Count; i++)
        {
            var field = $"reporting.deadlines[{i}]";
            var deadline = deadlines[i];
            if (!errors.Present(field, deadline))
            {
                continue;
            }
            if (!reportable.Contains(deadline.Grade))
            {
                errors.Add($"{field}.grade", "unknown_grade", "等级未在本预案的分级中定义", "The grade is not defined by this plan's grades");
            }
            errors.Positive($"{field}.minutes", deadline.Minutes);
            if (deadline.Immediate && deadline.Minutes != reporting.ImmediateMinutes)
            {
                errors.Add($"{field}.minutes", "immediate_mismatch",
                    $"“立即”时限应等于 immediateMinutes（{reporting.ImmediateMinutes} 分钟）",
                    $"An immediate deadline must equal immediateMinutes ({reporting.ImmediateMinutes})");
            }
            errors.Text($"{field}.to", deadline.To);
            errors.Text($"{field}.source", deadline.Source);
        }
        var recipients = errors.List("reporting.recipients", reporting.Recipients, nonEmpty: true);
        for (var i = 0; i < recipients.Count; i++)
        {
            var field = $"reporting.recipients[{i}]";
            if (errors.Present(field, recipients[i]))
            {
                errors.Text($"{field}.name", recipients[i].Name);
                errors.Grades($"{field}.grades", recipients[i].Grades, reportable, nonEmpty: false);
                errors.Text($"{field}.source", recipients[i].Source);
            }
        }
    }
}
