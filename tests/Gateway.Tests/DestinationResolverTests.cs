using Fenghuo.Gateway.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;

namespace Fenghuo.Gateway.Tests;

public sealed class DestinationResolverTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5101", "http://127.0.0.1:5101/")]
    [InlineData("http://127.0.0.1:5101/", "http://127.0.0.1:5101/")]
    [InlineData("127.0.0.1:5101", "http://127.0.0.1:5101/")]
    [InlineData("https://incidents.internal:8443", "https://incidents.internal:8443/")]
    public void An_endpoint_becomes_a_destination_address(string endpoint, string expected) =>
        Assert.Equal(expected, ServiceDiscoveryDestinationResolver.ToAddress(new Uri("http://incidents-api"), endpoint));

    [Fact]
    public async Task Every_configured_endpoint_of_a_service_becomes_a_destination_that_keeps_the_logical_host()
    {
        await using var services = Services(new()
        {
            ["services:incidents-api:http:0"] = "http://127.0.0.1:5101",
            ["services:incidents-api:http:1"] = "http://127.0.0.1:5102",
        });
        var resolver = new ServiceDiscoveryDestinationResolver(services.GetRequiredService<ServiceEndpointResolver>());

        var resolved = await resolver.ResolveDestinationsAsync(
            new Dictionary<string, DestinationConfig> { ["incidents-api"] = new() { Address = "http://incidents-api" } },
            CancellationToken.None);

        Assert.Equal(
            ["http://127.0.0.1:5101/", "http://127.0.0.1:5102/"],
            resolved.Destinations.Values.Select(d => d.Address).Order());
        Assert.All(resolved.Destinations.Values, d => Assert.Equal("incidents-api", d.Host));
        Assert.NotNull(resolved.ChangeToken);
    }

    private static ServiceProvider Services(Dictionary<string, string?> configuration) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddServiceDiscovery()
            .BuildServiceProvider();
}
