using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Behind the gateway a request reaches this process at its own address, but every URL it hands
/// out (discovery, redirects) must sit under the issuer, as Keycloak's fixed hostname does. Once
/// the endpoint is recognised from the real request, the base is switched to auth-server-url.
/// </summary>
public sealed class FrontendBaseUri(RealmUrls urls) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<FrontendBaseUri>()
            .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Unknown)
        {
            context.BaseUri = urls.FrontendBase;
        }
        return ValueTask.CompletedTask;
    }
}
