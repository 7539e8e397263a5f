using System.Security.Claims;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>
/// Who is calling, for which jurisdiction, with what ancestry path and roles — taken from the
/// validated token and this service's tenant directory, never from a request field.
/// </summary>
public sealed class TenantContext
{
    public string? UserId { get; private set; }

    public string? Username { get; private set; }

    public string? TenantCode { get; private set; }

    public string? TenantPath { get; private set; }

    /// <summary>The caller's jurisdiction as this service knows it (name, parent), read once per request.</summary>
    public TenantEntry? Tenant { get; private set; }

    /// <summary>Who acted, as records and the audit trail name them: the username, else the token's subject.</summary>
    public string Actor => Username ?? UserId ?? "unknown";

    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();

    public bool IsPlatformAdmin => Roles.Contains(ServiceDefaults.Auth.Roles.PlatformAdmin);

    public bool HasTenant => TenantCode is not null && TenantPath is not null;

    /// <summary>The row-level security scope of this caller; empty (nothing visible) without a tenant.</summary>
    public TenantScope Scope => HasTenant ? new TenantScope(TenantCode!, TenantPath!, IsPlatformAdmin) : new TenantScope(string.Empty, string.Empty, IsPlatformAdmin);

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Whether a jurisdiction at this path is the caller's own or below it; a platform admin oversees every one.</summary>
    public bool Oversees(string path) => IsPlatformAdmin || (TenantPath is { } own && Subtree.Contains(own, path));

    internal void Set(ClaimsPrincipal user, TenantEntry? tenant)
    {
        Tenant = tenant;
        UserId = user.FindFirstValue(ClaimNames.Subject);
        Username = user.FindFirstValue(ClaimNames.PreferredUsername);
        Roles = user.FindAll(ClaimNames.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        TenantCode = tenant?.Code;
        TenantPath = tenant?.Path;
    }
}
