using System.Security.Claims;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Portal.Session;

/// <summary>Who is signed in, as the header and the menus need it.</summary>
public sealed record PortalUser(string Username, string? Tenant, string? TenantName, IReadOnlyList<string> Roles)
{
    public static PortalUser From(ClaimsPrincipal principal) => new(
        principal.Username(), principal.Tenant(), principal.FindFirst(PortalClaims.TenantName)?.Value, principal.RealmRoles());

    public bool IsAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    public bool IsPlatformAdmin => Roles.Contains(ServiceDefaults.Auth.Roles.PlatformAdmin);

    /// <summary>阳城县 · 值班员: the jurisdiction, then the user's highest role in the order the realm lists them.</summary>
    public string Title
    {
        get
        {
            var role = ServiceDefaults.Auth.Roles.All.FirstOrDefault(Roles.Contains);
            var roleName = role is null ? "用户" : RoleNames.Chinese(role);
            return $"{TenantName ?? Tenant ?? "平台"} · {roleName}";
        }
    }
}
