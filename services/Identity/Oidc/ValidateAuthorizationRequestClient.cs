using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// The browser flow's checks: a known client with the standard flow on, a registered redirect URI,
/// and PKCE with S256 when the client's pkce.code.challenge.method asks for it.
/// </summary>
public sealed class ValidateAuthorizationRequestClient(ClientStore clients) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<ValidateAuthorizationRequestClient>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var client = await clients.FindEnabledAsync(context.ClientId, context.CancellationToken);
        if (client is null || client.BearerOnly)
        {
            context.Reject(Errors.InvalidClient, "Client not found.");
            return;
        }
        if (!client.AllowsRedirect(context.Request.RedirectUri))
        {
            context.Reject(Errors.InvalidRequest, KeycloakErrors.InvalidRedirectUri);
            return;
        }
        context.SetRedirectUri(context.Request.RedirectUri!);
        if (!client.StandardFlowEnabled)
        {
            context.Reject(Errors.UnauthorizedClient, KeycloakErrors.StandardFlowNotAllowed);
            return;
        }
        if (client.RequiredPkceMethod is { } method
            && (string.IsNullOrEmpty(context.Request.CodeChallenge) || context.Request.CodeChallengeMethod != method))
        {
            context.Reject(Errors.InvalidRequest, KeycloakErrors.PkceRequired);
        }
    }
}
