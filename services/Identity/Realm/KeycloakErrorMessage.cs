namespace Fenghuo.Identity.Realm;

/// <summary>Keycloak's admin API error body for a conflict: {"errorMessage": "User exists with same username"}.</summary>
public sealed record KeycloakErrorMessage(string ErrorMessage);
