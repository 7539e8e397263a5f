using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Login;
using Fenghuo.Identity.Oidc;
using Fenghuo.Identity.Realm;

namespace Fenghuo.Identity.Apis;

/// <summary>What the OpenID Connect and login endpoints depend on, bound with [AsParameters].</summary>
public sealed record OidcServices(
    RealmUrls Urls,
    TenantDatabase Database,
    ClientStore Clients,
    UserStore Users,
    PasswordLogin Login,
    PasswordChange Passwords,
    AccountStandingCheck Standing,
    SessionTokens Sessions,
    LoginFormGuard Guard,
    IdentityAudit Audit,
    RealmDefinition Realm,
    TimeProvider Time);
