namespace Fenghuo.Identity.Realm;

/// <summary>Keycloak's admin API error body for a missing resource: {"error": "User not found"}.</summary>
public sealed record KeycloakError(string Error);
