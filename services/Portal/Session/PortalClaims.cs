using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Portal.Session;

/// <summary>The claims the portal keeps in its cookie: who, which jurisdiction, which roles, which server-side session.</summary>
public static class PortalClaims
{
    public const string SessionId = "portal_session";
    public const string TenantName = "tenant_name";

    public static string? Session(this ClaimsPrincipal user) => user.FindFirst(SessionId)?.Value;

    public static string Username(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.PreferredUsername)?.Value ?? user.Identity?.Name ?? string.Empty;

    public static string? Tenant(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Tenant)?.Value;

    public static IReadOnlyList<string> RealmRoles(this ClaimsPrincipal user) =>
        [.. user.FindAll(ClaimNames.Role).Select(c => c.Value).Where(Roles.All.Contains)];

    /// <summary>
    /// Realm roles and the tenant as the APIs will see them: read from the access token the portal
    /// just redeemed at the token endpoint itself (the id token carries neither in Keycloak's shape).
    /// </summary>
    public static IEnumerable<Claim> FromAccessToken(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length < 2)
        {
            yield break;
        }
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        var root = document.RootElement;
        if (root.TryGetProperty(ClaimNames.Tenant, out var tenant) && tenant.ValueKind == JsonValueKind.String)
        {
            yield return new Claim(ClaimNames.Tenant, tenant.GetString()!);
        }
        if (root.TryGetProperty(ClaimNames.RealmAccess, out var access) && access.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in roles.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                yield return new Claim(ClaimNames.Role, role);
            }
        }
    }
}
