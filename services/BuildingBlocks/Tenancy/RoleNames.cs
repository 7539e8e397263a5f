using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>The realm roles as refusals name them to the user.</summary>
public static class RoleNames
{
    public static string Chinese(string role) => role switch
    {
        Roles.Commander => "指挥长",
        Roles.DeputyCommander => "副指挥长",
        Roles.OfficeDirector => "办公室主任",
        Roles.DutyOfficer => "值班员",
        Roles.Reporter => "填报人",
        Roles.Reviewer => "审核人",
        Roles.Analyst => "分析员",
        Roles.PlatformAdmin => "平台管理员",
        _ => role,
    };
}
