using Fenghuo.Identity.Oidc;

namespace Fenghuo.Identity.Login;

/// <summary>
/// Who a browser session or a login-action code stands for, and since when; a browser session also
/// names the login session its codes and refresh tokens belong to, so logging out can revoke them.
/// </summary>
public sealed record SessionClaim(Guid UserId, DateTimeOffset IssuedAt, LoginSession? Login);
