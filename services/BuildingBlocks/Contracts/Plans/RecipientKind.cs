namespace Fenghuo.Contracts.Plans;

/// <summary>Who receives reports, by relation to the reporting tenant.</summary>
public enum RecipientKind
{
    OwnCommand,
    LocalGovernment,
    ParentCommand,
    SuperiorDepartment,
    NamedBody,
}
