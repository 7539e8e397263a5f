namespace Fenghuo.Notifications.Domain;

/// <summary>Who at one tenant is told: the users holding any of <see cref="Roles"/> there.</summary>
public sealed record Audience(string TenantCode, IReadOnlyList<string> Roles);
