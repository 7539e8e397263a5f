using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>Warning levels are a list: unique codes, grades the plan defines, paired response levels that exist.</summary>
internal static class WarningChecks
{
    public static void Check(WarningScheme? scheme, IReadOnlySet<Grade> inUse, IReadOnlySet<string> levelCodes, PlanErrors errors)
    {
        if (!errors.Present("warningScheme", scheme))
        {
            return;
        }
        errors.Text("warningScheme.source", scheme.Source);
        errors.Texts("warningScheme.commonMeasures", scheme.CommonMeasures, nonEmpty: false);
        errors.Texts("warningScheme.informationSources", scheme.InformationSources, nonEmpty: false);
        var levels = errors.List("warningScheme.levels", scheme.Levels, nonEmpty: true);
        errors.Unique("warningScheme.levels", levels, l => l.Code, "code");
        for (var i = 0; i < levels.Count; i++)
        {
            var field = $"warningScheme.levels[{i}]";
            var level = levels[i];
            if (!errors.Present(field, level))
            {
                continue;
            }
            errors.Text($"{field}.code", level.Code);
            errors.Text($"{field}.name", level.Name);
            errors.Text($"{field}.situation", level.Situation);
            errors.Text($"{field}.source", level.Source);
            errors.Grades($"{field}.grades", level.Grades, inUse, nonEmpty: false);
            errors.Texts($"{field}.measures", level.Measures, nonEmpty: false);
            if (level.ResponseLevelCode is { } code && !levelCodes.Contains(code))
            {
                errors.Add($"{field}.responseLevelCode", "unknown_response_level",
                    $"响应级别“{code}”不存在", $"Response level '{code}' does not exist");
            }
        }
        CheckIssuance(scheme.Issuance, errors);
    }

    private static void CheckIssuance(WarningIssuance? issuance, PlanErrors errors)
    {
        if (!errors.Present("warningScheme.issuance", issuance))
        {
            return;
        }
        errors.Text("warningScheme.issuance.proposedBy", issuance.ProposedBy);
        errors.Text("warningScheme.issuance.approvedBy", issuance.ApprovedBy);
        errors.RealmRoles("warningScheme.issuance.approverRoles", issuance.ApproverRoles, nonEmpty: true);
        errors.Text("warningScheme.issuance.liftProcedure", issuance.LiftProcedure);
        errors.Texts("warningScheme.issuance.reportTo", issuance.ReportTo, nonEmpty: false);
        errors.Text("warningScheme.issuance.source", issuance.Source);
    }
}
