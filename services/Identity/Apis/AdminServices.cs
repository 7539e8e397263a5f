using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Apis;

/// <summary>What the admin endpoints depend on, bound with [AsParameters].</summary>
public sealed record AdminServices(
    TenantContext Caller,
    TenantDatabase Database,
    UserStore Users,
    RoleStore Roles,
    LoginFailureStore Failures,
    ApprovalStore Approvals,
    AdminScope Scope,
    PasswordChange Passwords,
    IdentityAudit Audit,
    RealmUrls Urls,
    TimeProvider Time)
{
    /// <summary>Who made the change, for the audit trail: the token's preferred_username (service-account-… for a client).</summary>
    public string Actor => Caller.Username ?? Caller.UserId ?? "unknown";
}
