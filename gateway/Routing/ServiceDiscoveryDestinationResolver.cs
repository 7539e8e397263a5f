using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Fenghuo.Gateway.Routing;

/// <summary>
/// Expands a destination such as http://incidents-api into the endpoints service discovery knows
/// for it (services:incidents-api:http:0 …), as Microsoft.Extensions.ServiceDiscovery.Yarp does;
/// that package is not in our mirror. YARP resolves again whenever discovery's change token fires.
/// </summary>
public sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = await Task.WhenAll(destinations.Select(d => ResolveAsync(d.Key, d.Value, cancellationToken)));
        var results = resolved.SelectMany(r => r.Destinations).ToDictionary(d => d.Key, d => d.Value);
        var changeTokens = resolved.Select(r => r.ChangeToken).OfType<IChangeToken>().ToList();
        return new ResolvedDestinationCollection(results, new CompositeChangeToken(changeTokens));
    }

    private async Task<(IEnumerable<KeyValuePair<string, DestinationConfig>> Destinations, IChangeToken? ChangeToken)> ResolveAsync(
        string name, DestinationConfig destination, CancellationToken cancellationToken)
    {
        var logical = new Uri(destination.Address);
        var source = await resolver.GetEndpointsAsync(logical.GetLeftPart(UriPartial.Authority), cancellationToken);
        // The service still sees its logical name as Host, as it would behind Aspire's resolver.
        var host = string.IsNullOrEmpty(destination.Host) ? logical.Authority : destination.Host;
        var expanded = source.Endpoints.Select(endpoint =>
        {
            var address = ToAddress(logical, endpoint.ToString()!);
            return KeyValuePair.Create($"{name}[{address}]", destination with { Address = address, Host = host });
        });
        return (expanded.ToList(), source.ChangeToken);
    }

    /// <summary>Keeps the logical address's path and scheme, taking scheme, host and port from the endpoint where it has them.</summary>
    public static string ToAddress(Uri logical, string endpoint)
    {
        var physical = new Uri(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : $"{logical.Scheme}://{endpoint}");
        return new UriBuilder(logical) { Scheme = physical.Scheme, Host = physical.Host, Port = physical.Port }.Uri.ToString();
    }
}
