using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Domain;

/// <summary>
/// The realm roles that act on the realm itself rather than inside a jurisdiction. Every other
/// realm role is a tenant role: held with a tenant attribute, it opens that jurisdiction's content.
/// </summary>
public static class PlatformRoles
{
    /// <summary>
    /// 开通账户: the jurisdictions service account's role. It may create and set up users only of a
    /// jurisdiction being onboarded (one the tenant directory does not know yet), grant them tenant
    /// roles only, and nothing else of the admin API.
    /// </summary>
    public const string RealmOnboarding = "realm-onboarding";

    /// <summary>
    /// 读取账户: the notifications service account's role. It may read users and their realm roles, to
    /// address alarms to the right people, and change nothing.
    /// </summary>
    public const string RealmDirectory = "realm-directory";

    public static IReadOnlyList<string> All { get; } = [Roles.PlatformAdmin, RealmOnboarding, RealmDirectory];

    public static bool IsTenantRole(string role) => !All.Contains(role);
}
