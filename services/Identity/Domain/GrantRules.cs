namespace Fenghuo.Identity.Domain;

/// <summary>Keycloak's per-client switches for each grant at the token endpoint.</summary>
public static class GrantRules
{
    public const string AuthorizationCode = "authorization_code";
    public const string ClientCredentials = "client_credentials";
    public const string Password = "password";
    public const string RefreshToken = "refresh_token";

    /// <returns>Keycloak's description of why the client may not use the grant, or null when it may.</returns>
    public static string? Refusal(RealmClient client, string? grantType) => grantType switch
    {
        Password when !client.DirectAccessGrantsEnabled => KeycloakErrors.DirectAccessNotAllowed,
        ClientCredentials when client.PublicClient => KeycloakErrors.PublicClientServiceAccount,
        ClientCredentials when !client.ServiceAccountsEnabled => KeycloakErrors.ServiceAccountNotEnabled,
        AuthorizationCode when !client.StandardFlowEnabled => KeycloakErrors.CodeExchangeNotAllowed,
        Password or ClientCredentials or AuthorizationCode or RefreshToken => null,
        _ => $"Unsupported grant_type {grantType}",
    };
}
