using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Client authentication at the token endpoint, against the realm's clients: the client exists
/// and is enabled, a confidential one presents its secret, and its switches allow the grant.
/// </summary>
public sealed class ValidateTokenRequestClient(ClientStore clients) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<ValidateTokenRequestClient>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var client = await clients.FindEnabledAsync(context.ClientId, context.CancellationToken);
        if (client is null || client.BearerOnly)
        {
            context.Reject(Errors.InvalidClient, KeycloakErrors.InvalidClientCredentials);
            return;
        }
        if (client.IsConfidential && !client.SecretMatches(context.ClientSecret))
        {
            context.Reject(Errors.UnauthorizedClient, KeycloakErrors.InvalidClientCredentials);
            return;
        }
        if (GrantRules.Refusal(client, context.Request.GrantType) is { } refusal)
        {
            context.Reject(Errors.UnauthorizedClient, refusal);
        }
    }
}
