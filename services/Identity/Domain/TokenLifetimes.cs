namespace Fenghuo.Identity.Domain;

/// <summary>
/// How long what this service issues lives, from the realm file. A refresh token lives as long as
/// the session may idle, as in Keycloak.
/// </summary>
public sealed record TokenLifetimes(TimeSpan AccessToken, TimeSpan AuthorizationCode, TimeSpan SessionIdle);
