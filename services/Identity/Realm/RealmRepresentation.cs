namespace Fenghuo.Identity.Realm;

/// <summary>
/// The part of Keycloak's realm export (deploy/keycloak/fenghuo-realm.json) this service reads.
/// Names and meanings are Keycloak's, so the same file imports into a real Keycloak 26.
/// </summary>
public sealed class RealmRepresentation
{
    public string? Realm { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>Seconds an access token lives.</summary>
    public int? AccessTokenLifespan { get; init; }

    /// <summary>Seconds an authorization code lives.</summary>
    public int? AccessCodeLifespan { get; init; }

    /// <summary>Seconds a session may idle: the refresh token's and the SSO cookie's lifetime.</summary>
    public int? SsoSessionIdleTimeout { get; init; }

    public int? SsoSessionMaxLifespan { get; init; }

    public bool? BruteForceProtected { get; init; }

    public bool? PermanentLockout { get; init; }

    public int? FailureFactor { get; init; }

    public int? WaitIncrementSeconds { get; init; }

    public int? MaxFailureWaitSeconds { get; init; }

    public int? MaxDeltaTimeSeconds { get; init; }

    /// <summary>Keycloak's policy string, e.g. "length(8) and digits(1) and notUsername".</summary>
    public string? PasswordPolicy { get; init; }

    public RolesRepresentation? Roles { get; init; }

    public List<ClientRepresentation> Clients { get; init; } = [];

    public List<UserRepresentation> Users { get; init; } = [];
}
