using System.Net;

namespace Fenghuo.Jurisdictions.Clients;

/// <summary>The realm refused an admin call; <see cref="Detail"/> is its own error text (Keycloak's errorMessage).</summary>
public sealed class IdentityAdminException(HttpStatusCode status, string detail)
    : Exception($"The realm's admin API answered {(int)status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string Detail { get; } = detail;
}
