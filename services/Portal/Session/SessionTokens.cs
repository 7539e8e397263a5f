namespace Fenghuo.Portal.Session;

/// <summary>What the identity service gave one browser session; it never leaves the portal process.</summary>
public sealed record SessionTokens(string AccessToken, string? RefreshToken, string? IdToken, DateTimeOffset ExpiresAt);
