using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>Ending, review and exercise rules: the parts that set dates after the response.</summary>
internal static class AftermathChecks
{
    public static void Check(PlanDocument plan, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        if (errors.Present("responseEnd", plan.ResponseEnd))
        {
            errors.Text("responseEnd.approvedBy", plan.ResponseEnd.ApprovedBy);
            errors.Text("responseEnd.announcedBy", plan.ResponseEnd.AnnouncedBy);
            errors.Texts("responseEnd.conditions", plan.ResponseEnd.Conditions, nonEmpty: false);
            errors.Text("responseEnd.source", plan.ResponseEnd.Source);
        }
        if (errors.Present("aftermath", plan.Aftermath))
        {
            CheckReviews(plan.Aftermath, inUse, errors);
        }
        if (errors.Present("exercises", plan.Exercises))
        {
            errors.Positive("exercises.minimumPerYear", plan.Exercises.MinimumPerYear);
            errors.OptionalText("exercises.organisedBy", plan.Exercises.OrganisedBy);
            errors.OptionalText("exercises.note", plan.Exercises.Note);
            errors.Text("exercises.source", plan.Exercises.Source);
        }
    }

    private static void CheckReviews(AftermathRules aftermath, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        errors.Positive("aftermath.reviewDueDays", aftermath.ReviewDueDays);
        errors.Text("aftermath.recoveryLead", aftermath.RecoveryLead);
        errors.OptionalText("aftermath.aftercare", aftermath.Aftercare);
        errors.Text("aftermath.source", aftermath.Source);
        var reviews = errors.List("aftermath.reviews", aftermath.Reviews, nonEmpty: true);
        errors.Unique("aftermath.reviews", reviews, r => EnumLabel.Of(r.Grade), "grade");
        for (var i = 0; i < reviews.Count; i++)
        {
            var field = $"aftermath.reviews[{i}]";
            if (!errors.Present(field, reviews[i]))
            {
                continue;
            }
            if (!inUse.Contains(reviews[i].Grade))
            {
                errors.Add($"{field}.grade", "unknown_grade", "等级未在本预案的分级中定义", "The grade is not defined by this plan's grades");
            }
            errors.Text($"{field}.leadUnit", reviews[i].LeadUnit);
            errors.Texts($"{field}.reportTo", reviews[i].ReportTo, nonEmpty: false);
            errors.Text($"{field}.source", reviews[i].Source);
        }
    }
}
