namespace Fenghuo.ServiceDefaults.Auth;

/// <summary>Claim names as Keycloak issues them (plus our tenant mapper).</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string PreferredUsername = "preferred_username";
    public const string RealmAccess = "realm_access";
    public const string Role = "role";

    /// <summary>The jurisdiction code, from the user attribute "tenant" through a protocol mapper.</summary>
    public const string Tenant = "tenant";
}
