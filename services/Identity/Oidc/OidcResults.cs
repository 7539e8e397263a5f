using System.Security.Claims;
using Fenghuo.Identity.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Fenghuo.Identity.Oidc;

/// <summary>How the OpenID Connect endpoints hand their decision back to OpenIddict.</summary>
public static class OidcResults
{
    /// <param name="session">The login the refresh token belongs to; null for client credentials, which get none.</param>
    public static IResult SignIn(RealmUser user, RealmClient client, IEnumerable<string> requestedScopes, LoginSession? session)
    {
        var principal = TokenPrincipal.Create(TokenShaper.Shape(user, client, TokenScopes.Grant(requestedScopes)));
        return Results.SignIn(session?.Stamp(principal) ?? principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// At the authorization endpoint only the subject and scopes go into the code: the token endpoint
    /// reads the user afresh, and a small code keeps the redirect URL short.
    /// </summary>
    public static IResult IssueCode(RealmUser user, IEnumerable<string> requestedScopes, LoginSession session)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, ClaimNames.PreferredUsername, ClaimNames.Role);
        identity.AddClaim(new Claim(ClaimNames.Subject, user.Id.ToString()));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(TokenScopes.Grant(requestedScopes));
        return Results.SignIn(session.Stamp(principal), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
