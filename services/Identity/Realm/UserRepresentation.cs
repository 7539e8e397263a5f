namespace Fenghuo.Identity.Realm;

/// <summary>
/// Keycloak's UserRepresentation: read from the realm file and the admin API, written by the
/// admin API. Absent (null) fields of an update leave the stored value alone, as in Keycloak.
/// </summary>
public sealed class UserRepresentation
{
    public string? Id { get; init; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long? CreatedTimestamp { get; init; }

    public string? Username { get; init; }

    public bool? Enabled { get; init; }

    public bool? EmailVerified { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public Dictionary<string, List<string>>? Attributes { get; init; }

    public List<string>? RequiredActions { get; init; }

    /// <summary>Honoured on realm import only; the admin API ignores it on create, like Keycloak (use role-mappings).</summary>
    public List<string>? RealmRoles { get; init; }

    public List<CredentialRepresentation>? Credentials { get; init; }

    /// <summary>Set on a client's service-account user ("service-account-{clientId}").</summary>
    public string? ServiceAccountClientId { get; init; }

    public bool? Totp { get; init; }

    public long? NotBefore { get; init; }
}
