namespace Fenghuo.Jurisdictions.Domain.Plans;

/// <summary>组织体系: the command, its posts, its office, member units, working groups and contacts.</summary>
/// <param name="SubordinateCommands">How the plan expects the level below to organise (乡镇指挥部, 县区能源局 …).</param>
public sealed record PlanOrganisation(
    CommandBody Command,
    IReadOnlyList<CommandRole> Roles,
    CommandOffice Office,
    IReadOnlyList<MemberUnit> MemberUnits,
    IReadOnlyList<WorkingGroup> WorkingGroups,
    ContactDirectory Contacts,
    string? SubordinateCommands);
