namespace Fenghuo.Identity.Realm;

/// <summary>Keycloak's CredentialRepresentation; only type "password" is supported.</summary>
public sealed class CredentialRepresentation
{
    public const string PasswordType = "password";

    public string? Type { get; init; }

    public string? Value { get; init; }

    /// <summary>A temporary password must be changed at the next login (required action UPDATE_PASSWORD).</summary>
    public bool? Temporary { get; init; }
}
