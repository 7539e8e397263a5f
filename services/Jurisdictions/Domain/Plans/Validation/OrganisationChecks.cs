using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>
/// The organisation must hold every post the rules name: a level approved by the office
/// director needs an office director among the command's roles.
/// </summary>
internal static class OrganisationChecks
{
    public static void Check(PlanOrganisation? organisation, IEnumerable<(string Field, string Role)> rolesUsed, PlanErrors errors)
    {
        if (!errors.Present("organisation", organisation))
        {
            return;
        }
        if (errors.Present("organisation.command", organisation.Command))
        {
            errors.Text("organisation.command.name", organisation.Command.Name);
            errors.Text("organisation.command.shortName", organisation.Command.ShortName);
            errors.Text("organisation.command.establishedBy", organisation.Command.EstablishedBy);
            errors.Texts("organisation.command.duties", organisation.Command.Duties, nonEmpty: true);
            errors.Text("organisation.command.source", organisation.Command.Source);
        }
        var roles = errors.List("organisation.roles", organisation.Roles, nonEmpty: true);
        errors.Unique("organisation.roles", roles, r => r.Role, "role");
        for (var i = 0; i < roles.Count; i++)
        {
            if (errors.Present($"organisation.roles[{i}]", roles[i]))
            {
                errors.RealmRoles($"organisation.roles[{i}]", [roles[i].Role], nonEmpty: true);
                errors.Text($"organisation.roles[{i}].title", roles[i].Title);
                errors.Texts($"organisation.roles[{i}].holders", roles[i].Holders, nonEmpty: false);
                errors.Text($"organisation.roles[{i}].source", roles[i].Source);
            }
        }
        foreach (var (field, role) in rolesUsed.Where(u => Roles.All.Contains(u.Role) && roles.All(r => r?.Role != u.Role)))
        {
            errors.Add(field, "role_not_in_organisation",
                $"组织体系中没有承担“{role}”的职务", $"No post in the organisation acts as '{role}'");
        }
        if (errors.Present("organisation.office", organisation.Office))
        {
            errors.Text("organisation.office.name", organisation.Office.Name);
            errors.Texts("organisation.office.duties", organisation.Office.Duties, nonEmpty: true);
            errors.Text("organisation.office.source", organisation.Office.Source);
        }
        UnitChecks.Check(organisation, errors);
    }
}
