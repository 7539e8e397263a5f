using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Identity.Domain;

/// <summary>A user of the realm as tokens and the admin API see it (never the password hash).</summary>
public sealed record RealmUser(
    Guid Id,
    string Username,
    string? FirstName,
    string? LastName,
    string? Email,
    bool EmailVerified,
    bool Enabled,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes,
    IReadOnlyList<string> RequiredActions,
    IReadOnlyList<string> Roles,
    string? ServiceAccountClientId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NotBefore)
{
    public const string TenantAttribute = "tenant";

    public string? Tenant => Attribute(TenantAttribute);

    public bool IsServiceAccount => ServiceAccountClientId is not null;

    /// <summary>Keycloak's full name: first and last name joined by a space, whichever are present.</summary>
    public string? FullName
    {
        get
        {
            var parts = new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
            return parts.Length == 0 ? null : string.Join(' ', parts);
        }
    }

    public string? Attribute(string name) =>
        Attributes.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>
    /// A tenant this service has not heard of yet (Jurisdictions' events still on their way) does not
    /// block login; only one the directory knows to be suspended does.
    /// </summary>
    public AccountStanding StandingIn(TenantEntry? tenant) =>
        !Enabled || tenant is { IsActive: false } ? AccountStanding.Disabled
        : RequiredActions.Count > 0 ? AccountStanding.NotFullySetUp
        : AccountStanding.Active;

    /// <summary>Whether something issued at <paramref name="issuedAt"/> predates the user's last credential change.</summary>
    public bool Revoked(DateTimeOffset issuedAt) => NotBefore is { } notBefore && issuedAt < notBefore;
}
