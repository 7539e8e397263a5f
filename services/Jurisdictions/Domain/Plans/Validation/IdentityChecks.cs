namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

internal static class IdentityChecks
{
    public static void Check(PlanIdentity? identity, PlanErrors errors)
    {
        if (!errors.Present("identity", identity))
        {
            return;
        }
        errors.Text("identity.title", identity.Title);
        errors.OptionalText("identity.documentNumber", identity.DocumentNumber);
        errors.Text("identity.issuingBody", identity.IssuingBody);
        errors.Text("identity.scope", identity.Scope);
        errors.Text("identity.source", identity.Source);
        errors.OptionalText("identity.revisionNote", identity.RevisionNote);
        if (identity.RevisionCycleYears is < 1 or > 10)
        {
            errors.Add("identity.revisionCycleYears", "out_of_range",
                "修订周期应为 1–10 年；按需修订时留空", "The revision cycle must be 1–10 years; leave it empty for \"as needed\"");
        }
        if (identity.IssuedOn is { } issued && identity.EffectiveFrom is { } effective && effective < issued)
        {
            errors.Add("identity.effectiveFrom", "before_issue", "施行日期不能早于印发日期", "A plan cannot take effect before it is issued");
        }
    }
}
