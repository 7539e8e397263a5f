namespace Fenghuo.Identity.Domain;

/// <summary>
/// Keycloak's own error descriptions at the token endpoint, word for word, so scripts and
/// libraries written against Keycloak read ours the same way.
/// </summary>
public static class KeycloakErrors
{
    public const string InvalidUserCredentials = "Invalid user credentials";
    public const string AccountDisabled = "Account disabled";
    public const string AccountNotFullySetUp = "Account is not fully set up";
    public const string InvalidClientCredentials = "Invalid client or Invalid client credentials";
    public const string SessionNotActive = "Session not active";
    public const string DirectAccessNotAllowed = "Client not allowed for direct access grants";
    public const string PublicClientServiceAccount = "Public client not allowed to retrieve service account";
    public const string ServiceAccountNotEnabled = "Client not enabled to retrieve service account";
    public const string CodeExchangeNotAllowed = "Client not allowed to exchange code";
    public const string StandardFlowNotAllowed = "Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.";
    public const string InvalidRedirectUri = "Invalid parameter: redirect_uri";
    public const string PkceRequired = "Missing parameter: code_challenge_method";
    public const string InvalidPostLogoutRedirectUri = "Invalid redirect uri";
}
