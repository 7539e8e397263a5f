namespace Fenghuo.Identity.Domain;

/// <summary>Keycloak's required actions this service can carry out at login.</summary>
public static class RequiredActions
{
    /// <summary>The user must choose a new password before any token is issued (a temporary password was set).</summary>
    public const string UpdatePassword = "UPDATE_PASSWORD";

    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal) { UpdatePassword };
}
