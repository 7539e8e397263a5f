namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>Member units, working groups and the contact directory.</summary>
internal static class UnitChecks
{
    public static void Check(PlanOrganisation organisation, PlanErrors errors)
    {
        var units = errors.List("organisation.memberUnits", organisation.MemberUnits, nonEmpty: true);
        errors.Unique("organisation.memberUnits", units, u => u.Name, "name");
        for (var i = 0; i < units.Count; i++)
        {
            if (errors.Present($"organisation.memberUnits[{i}]", units[i]))
            {
                errors.Text($"organisation.memberUnits[{i}].name", units[i].Name);
                errors.Texts($"organisation.memberUnits[{i}].duties", units[i].Duties, nonEmpty: false);
                errors.Text($"organisation.memberUnits[{i}].source", units[i].Source);
            }
        }
        var groups = errors.List("organisation.workingGroups", organisation.WorkingGroups, nonEmpty: false);
        errors.Unique("organisation.workingGroups", groups, g => g.Name, "name");
        for (var i = 0; i < groups.Count; i++)
        {
            var field = $"organisation.workingGroups[{i}]";
            if (errors.Present(field, groups[i]))
            {
                errors.Text($"{field}.name", groups[i].Name);
                errors.OptionalText($"{field}.leadUnit", groups[i].LeadUnit);
                errors.Texts($"{field}.memberUnits", groups[i].MemberUnits, nonEmpty: false);
                errors.Texts($"{field}.duties", groups[i].Duties, nonEmpty: true);
                errors.Text($"{field}.source", groups[i].Source);
            }
        }
        if (!errors.Present("organisation.contacts", organisation.Contacts))
        {
            return;
        }
        var entries = errors.List("organisation.contacts.entries", organisation.Contacts.Entries, nonEmpty: false);
        if (entries.Count > 0)
        {
            errors.Text("organisation.contacts.source", organisation.Contacts.Source);
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (errors.Present($"organisation.contacts.entries[{i}]", entries[i]))
            {
                errors.Text($"organisation.contacts.entries[{i}].unit", entries[i].Unit);
                errors.Text($"organisation.contacts.entries[{i}].phone", entries[i].Phone);
            }
        }
    }
}
