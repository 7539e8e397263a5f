namespace Fenghuo.Identity.Apis;

/// <summary>Keycloak account API's password change body.</summary>
public sealed record PasswordUpdate(string? CurrentPassword, string? NewPassword, string? Confirmation);
