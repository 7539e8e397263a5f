using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// The token endpoint's answer in Keycloak's shape, which clients written against Keycloak read:
/// 401 (not OAuth's 400) for bad user or client credentials, no error_uri, and refresh_expires_in
/// beside a refresh token.
/// </summary>
public sealed class KeycloakTokenResponse(RealmDefinition realm) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<KeycloakTokenResponse>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var response = context.Response;
        response.ErrorUri = null;
        if (response.ErrorDescription is KeycloakErrors.InvalidUserCredentials or KeycloakErrors.InvalidClientCredentials
            && context.Transaction.GetHttpRequest()?.HttpContext.Response is { } http)
        {
            http.StatusCode = StatusCodes.Status401Unauthorized;
        }
        if (response.RefreshToken is not null)
        {
            response["refresh_expires_in"] = (long)realm.Lifetimes.SessionIdle.TotalSeconds;
        }
        return ValueTask.CompletedTask;
    }
}
