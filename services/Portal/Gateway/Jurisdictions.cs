using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.Portal.Gateway;

public sealed record Jurisdiction(string Code, string Name, JurisdictionKind Kind, string? ParentCode, string Status);

public sealed record PlanTemplate(string Id, string Name, string Description);

public sealed record PlanTemplates(IReadOnlyList<PlanTemplate> Templates);

public sealed record OnboardedUser(string Username, IReadOnlyList<string> Roles, bool MustChangePassword, string? OneTimePassword);

public sealed record Onboarded(Jurisdiction Jurisdiction, int PlanVersion, string PlanBasedOn, IReadOnlyList<OnboardedUser> Users);

public static class JurisdictionKinds
{
    public static string Name(JurisdictionKind kind) => kind switch
    {
        JurisdictionKind.Province => "省",
        JurisdictionKind.City => "市",
        JurisdictionKind.County => "县",
        JurisdictionKind.District => "区",
        JurisdictionKind.Bureau => "行业主管部门",
        JurisdictionKind.DevelopmentZone => "开发区",
        JurisdictionKind.Township => "乡镇",
        JurisdictionKind.Street => "街道",
        _ => kind.ToString(),
    };
}
