using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Realm;

/// <summary>Between Keycloak's UserRepresentation and the stored user, with Keycloak's defaults.</summary>
public static class UserMapping
{
    /// <summary>
    /// A new user as Keycloak creates one: disabled unless "enabled": true is given, and with
    /// UPDATE_PASSWORD when the initial password is temporary.
    /// </summary>
    public static RealmUser NewUser(UserRepresentation representation, Guid id, DateTimeOffset createdAt, IReadOnlyList<string> roles)
    {
        var actions = (representation.RequiredActions ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (representation.Credentials is [{ Temporary: true }] && !actions.Contains(RequiredActions.UpdatePassword))
        {
            actions.Add(RequiredActions.UpdatePassword);
        }
        return new RealmUser(
            id,
            representation.Username!.Trim().ToLowerInvariant(),
            Text(representation.FirstName),
            Text(representation.LastName),
            Text(representation.Email)?.ToLowerInvariant(),
            representation.EmailVerified ?? false,
            representation.Enabled ?? false,
            Attributes(representation.Attributes),
            actions,
            roles,
            representation.ServiceAccountClientId,
            createdAt,
            null);
    }

    /// <summary>An update leaves absent fields alone; attributes and required actions, when given, replace the old ones.</summary>
    public static RealmUser WithChanges(RealmUser current, UserRepresentation changes) => current with
    {
        FirstName = changes.FirstName is null ? current.FirstName : Text(changes.FirstName),
        LastName = changes.LastName is null ? current.LastName : Text(changes.LastName),
        Email = changes.Email is null ? current.Email : Text(changes.Email)?.ToLowerInvariant(),
        EmailVerified = changes.EmailVerified ?? current.EmailVerified,
        Enabled = changes.Enabled ?? current.Enabled,
        Attributes = changes.Attributes is null ? current.Attributes : Attributes(changes.Attributes),
        RequiredActions = changes.RequiredActions?.Distinct(StringComparer.Ordinal).ToList() ?? current.RequiredActions,
    };

    public static UserRepresentation ToRepresentation(RealmUser user) => new()
    {
        Id = user.Id.ToString(),
        CreatedTimestamp = user.CreatedAt.ToUnixTimeMilliseconds(),
        Username = user.Username,
        Enabled = user.Enabled,
        EmailVerified = user.EmailVerified,
        FirstName = user.FirstName,
        LastName = user.LastName,
        Email = user.Email,
        Attributes = user.Attributes.Count == 0 ? null : user.Attributes.ToDictionary(a => a.Key, a => a.Value.ToList()),
        RequiredActions = user.RequiredActions.ToList(),
        ServiceAccountClientId = user.ServiceAccountClientId,
        Totp = false,
        NotBefore = user.NotBefore?.ToUnixTimeSeconds() ?? 0,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes(Dictionary<string, List<string>>? attributes) =>
        (attributes ?? []).ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value.ToList(), StringComparer.Ordinal);
}
