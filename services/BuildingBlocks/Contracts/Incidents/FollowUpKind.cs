namespace Fenghuo.Contracts.Incidents;

public enum FollowUpKind
{
    /// <summary>续报: progress until closure.</summary>
    Progress,

    /// <summary>书面报告 after a report made by phone.</summary>
    WrittenReport,
}
