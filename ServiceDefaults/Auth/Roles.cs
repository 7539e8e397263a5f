namespace Fenghuo.ServiceDefaults.Auth;

/// <summary>
/// Realm roles. The plans' approver rules ("I: commander; II: commander or deputy; III: office
/// director") are written against these names.
/// </summary>
public static class Roles
{
    /// <summary>平台管理员: onboards and configures tenants; reads no incident content by default.</summary>
    public const string PlatformAdmin = "platform-admin";

    /// <summary>指挥长 / 总指挥: starts and ends the highest response levels.</summary>
    public const string Commander = "commander";

    /// <summary>副指挥长 / 副总指挥.</summary>
    public const string DeputyCommander = "deputy-commander";

    /// <summary>指挥部办公室主任: runs the office; starts the lowest levels where a plan says so.</summary>
    public const string OfficeDirector = "office-director";

    /// <summary>值班员: receives and records reports, answers inquiries, issues warnings on instruction.</summary>
    public const string DutyOfficer = "duty-officer";

    /// <summary>填报人: fills in incident reports.</summary>
    public const string Reporter = "reporter";

    /// <summary>审核人: reviews reports before they go up.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>分析员: reads summaries and exports.</summary>
    public const string Analyst = "analyst";

    public static IReadOnlyList<string> All { get; } =
        [PlatformAdmin, Commander, DeputyCommander, OfficeDirector, DutyOfficer, Reporter, Reviewer, Analyst];
}
