using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Logout may send the browser back only to a URI the client registered (its
/// post.logout.redirect.uris), the client being named by client_id or by the ID token hint.
/// </summary>
public sealed class ValidateEndSessionRequestRedirect(ClientStore clients) : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
            .UseSingletonHandler<ValidateEndSessionRequestRedirect>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        var redirect = context.Request.PostLogoutRedirectUri;
        if (string.IsNullOrEmpty(redirect))
        {
            return;
        }
        var clientId = context.ClientId ?? context.IdentityTokenHintPrincipal?.GetAudiences().FirstOrDefault();
        var client = await clients.FindEnabledAsync(clientId, context.CancellationToken);
        if (client is null || !client.AllowsPostLogoutRedirect(redirect))
        {
            context.Reject(Errors.InvalidRequest, KeycloakErrors.InvalidPostLogoutRedirectUri);
            return;
        }
        context.SetPostLogoutRedirectUri(redirect);
    }
}
