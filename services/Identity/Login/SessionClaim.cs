namespace Fenghuo.Identity.Login;

/// <summary>Who a browser session or a login-action code stands for, and since when.</summary>
public sealed record SessionClaim(Guid UserId, DateTimeOffset IssuedAt);
