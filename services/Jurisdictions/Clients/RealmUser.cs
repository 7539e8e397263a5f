namespace Fenghuo.Jurisdictions.Clients;

/// <summary>The part of Keycloak's UserRepresentation onboarding reads and writes.</summary>
public sealed record RealmUser(
    string? Id,
    string Username,
    string? FirstName,
    string? Email,
    bool Enabled,
    Dictionary<string, string[]>? Attributes,
    string[]? RequiredActions,
    RealmCredential[]? Credentials)
{
    public string? Tenant => Attributes?.GetValueOrDefault("tenant")?.FirstOrDefault();
}

/// <summary>Keycloak's CredentialRepresentation for a password.</summary>
public sealed record RealmCredential(string Type, string Value, bool Temporary);

/// <summary>Keycloak's RoleRepresentation, as role mappings need it.</summary>
public sealed record RealmRole(string Id, string Name);
