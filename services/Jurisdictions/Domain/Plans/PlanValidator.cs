using Fenghuo.Jurisdictions.Domain.Plans.Validation;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>
/// Checks a plan document before it is saved or published: the shape plan.schema.json
/// describes, and the consistency a schema cannot express (triggers on grades the plan
/// defines, approvers that are realm roles held in the organisation, categories of the
/// chosen standard, unique codes). Field paths follow the JSON, e.g. responseLevels[1].approverRoles[0].
/// </summary>
public static class PlanValidator
{
    public static IReadOnlyList<FieldError> Validate(PlanDocument? plan, Taxonomies reference)
    {
        var errors = new PlanErrors();
        if (!errors.Present("plan", plan))
        {
            return errors.All;
        }
        IdentityChecks.Check(plan.Identity, errors);
        TaxonomyChecks.Check(plan.Taxonomy, reference, errors);
        var grades = GradeChecks.Check(plan.Grades, errors);
        var levelCodes = ResponseLevelChecks.Check(plan.ResponseLevels, grades, errors);
        WarningChecks.Check(plan.WarningScheme, grades, levelCodes, errors);
        ReportingChecks.Check(plan.Reporting, grades, errors);
        AftermathChecks.Check(plan, grades, errors);
        OrganisationChecks.Check(plan.Organisation, RolesUsed(plan), errors);
        var interpretations = errors.List("interpretations", plan.Interpretations, nonEmpty: false);
        for (var i = 0; i < interpretations.Count; i++)
        {
            if (errors.Present($"interpretations[{i}]", interpretations[i]))
            {
                errors.Text($"interpretations[{i}].topic", interpretations[i].Topic);
                errors.Text($"interpretations[{i}].choice", interpretations[i].Choice);
                errors.Text($"interpretations[{i}].reason", interpretations[i].Reason);
                errors.Text($"interpretations[{i}].source", interpretations[i].Source);
            }
        }
        return errors.All;
    }

    private static IEnumerable<(string Field, string Role)> RolesUsed(PlanDocument plan)
    {
        var levels = plan.ResponseLevels ?? [];
        for (var i = 0; i < levels.Count; i++)
        {
            var roles = levels[i]?.ApproverRoles ?? [];
            for (var j = 0; j < roles.Count; j++)
            {
                yield return ($"responseLevels[{i}].approverRoles[{j}]", roles[j]);
            }
        }
        var issuers = plan.WarningScheme?.Issuance?.ApproverRoles ?? [];
        for (var j = 0; j < issuers.Count; j++)
        {
            yield return ($"warningScheme.issuance.approverRoles[{j}]", issuers[j]);
        }
    }
}
