using System.Security.Claims;
using System.Text.Json;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Keycloak's introspection answer carries the token's own claims (realm_access, tenant, …) and
/// the username; OpenIddict by default gives them only to the token's audiences, and fenghuo-api is
/// a resource, not a client that introspects.
/// </summary>
public sealed class KeycloakIntrospectionClaims : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        Claims.Issuer, Claims.Subject, Claims.Audience, Claims.ExpiresAt, Claims.IssuedAt, Claims.NotBefore,
        Claims.JwtId, Claims.Scope, Claims.ClientId, Claims.TokenUsage, Claims.Active, Claims.Username,
    };

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseSingletonHandler<KeycloakIntrospectionClaims>()
            .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.AccessToken))
        {
            return ValueTask.CompletedTask;
        }
        context.Username ??= principal.GetClaim(ClaimNames.PreferredUsername);
        foreach (var scope in principal.GetScopes())
        {
            context.Scopes.Add(scope);
        }
        foreach (var claim in principal.Claims.Where(c => !Standard.Contains(c.Type) && !c.Type.StartsWith("oi_", StringComparison.Ordinal)))
        {
            context.Claims[claim.Type] = Parameter(claim);
        }
        return ValueTask.CompletedTask;
    }

    private static OpenIddictParameter Parameter(Claim claim) => claim.ValueType switch
    {
        JsonClaimValueTypes.Json or JsonClaimValueTypes.JsonArray => new OpenIddictParameter(JsonDocument.Parse(claim.Value).RootElement.Clone()),
        ClaimValueTypes.Boolean => new OpenIddictParameter(bool.Parse(claim.Value)),
        _ => new OpenIddictParameter(claim.Value),
    };
}
