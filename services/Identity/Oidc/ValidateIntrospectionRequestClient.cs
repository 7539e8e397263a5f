using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>As in Keycloak, any confidential client that authenticates may introspect tokens.</summary>
public sealed class ValidateIntrospectionRequestClient(ClientStore clients) : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseSingletonHandler<ValidateIntrospectionRequestClient>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        var client = await clients.FindEnabledAsync(context.ClientId, context.CancellationToken);
        if (client is null || !client.IsConfidential || !client.SecretMatches(context.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, KeycloakErrors.InvalidClientCredentials);
        }
    }
}
