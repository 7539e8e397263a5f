using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Warnings.Acts;

/// <summary>Who acts: the jurisdiction from the validated token (never from the request) and the realm roles.</summary>
public sealed record WarningCaller(string TenantCode, string TenantPath, string TenantName, string? ParentCode, string? DivisionCode, string Actor, IReadOnlySet<string> Roles)
{
    public TenantScope Scope => new(TenantCode, TenantPath);

    public bool HasAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>Null when the caller belongs to no jurisdiction this service knows: such a caller sees and does nothing.</summary>
    public static WarningCaller? Of(TenantContext context) =>
        context.Tenant is { } tenant && context.HasTenant
            ? new WarningCaller(tenant.Code, tenant.Path, tenant.Name, tenant.ParentCode, tenant.DivisionCode,
                context.Actor, context.Roles)
            : null;
}
