using Microsoft.Extensions.Hosting;

namespace Fenghuo.ServiceDefaults.Auth;

/// <summary>
/// A confidential client's secret a service presents to the realm. Outside Development it must be set
/// and must not be a published development default (they all start "dev-only-"): anyone who read the
/// repository could otherwise act as the service.
/// </summary>
public static class ServiceAccountSecret
{
    /// <param name="setting">The environment variable an operator sets, e.g. <c>IdentityAdmin__ClientSecret</c>.</param>
    /// <exception cref="InvalidOperationException">A missing or published secret outside Development.</exception>
    public static void EnsureUsable(string? secret, string setting, string clientId, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return;
        }
        var problem = string.IsNullOrEmpty(secret) ? "is not set"
            : secret.StartsWith("dev-only-", StringComparison.Ordinal) ? "is the published development default"
            : null;
        if (problem is not null)
        {
            throw new InvalidOperationException(
                $"{environment.ApplicationName} refuses to start in the {environment.EnvironmentName} environment: {setting} {problem}. " +
                $"Set it to the secret the identity service has for {clientId} (Fenghuo__ClientSecrets__{clientId}).");
        }
    }
}
