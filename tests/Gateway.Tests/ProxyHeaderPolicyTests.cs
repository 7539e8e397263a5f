using Fenghuo.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace Fenghuo.Gateway.Tests;

public sealed class ProxyHeaderPolicyTests
{
    [Theory]
    [InlineData("X-Fenghuo-Tenant", true)]
    [InlineData("x-fenghuo-tenant-path", true)]
    [InlineData("X-Fenghuo-User", true)]
    [InlineData("X-Tenant", true)]
    [InlineData("X-Tenant-Code", true)]
    [InlineData("Authorization", false)]
    [InlineData("X-Correlation-Id", false)]
    [InlineData("X-Request-Id", false)]
    [InlineData("Idempotency-Key", false)]
    public void Headers_claiming_a_tenant_are_recognised(string name, bool clientAsserted) =>
        Assert.Equal(clientAsserted, ProxyHeaderPolicy.IsClientAsserted(name));

    [Fact]
    public void Client_asserted_headers_are_stripped_and_the_rest_forwarded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://incidents-api/api/incidents")
        {
            Content = new StringContent("{}"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer abc");
        request.Headers.TryAddWithoutValidation("X-Fenghuo-Tenant", "someone-else");
        request.Headers.TryAddWithoutValidation("x-tenant", "someone-else");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "k1");
        request.Content.Headers.TryAddWithoutValidation("X-Fenghuo-Path", "a.b");

        ProxyHeaderPolicy.ApplyToRequest(request, "gw-1");

        Assert.Equal(["Authorization", "Idempotency-Key", "X-Correlation-Id"], request.Headers.Select(h => h.Key).Order());
        Assert.DoesNotContain(request.Content.Headers, h => h.Key == "X-Fenghuo-Path");
        Assert.Equal("Bearer abc", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void The_gateways_correlation_id_replaces_whatever_was_copied()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://warnings-api/api/warnings");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "not acceptable id");

        ProxyHeaderPolicy.ApplyToRequest(request, "gw-1");

        Assert.Equal("gw-1", request.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public void The_services_echo_of_the_correlation_id_is_not_doubled()
    {
        var headers = new HeaderDictionary { ["X-Correlation-Id"] = new(["gw-1", "gw-1"]) };

        ProxyHeaderPolicy.ApplyToResponse(headers, "gw-1");

        Assert.Equal("gw-1", headers["X-Correlation-Id"].Single());
    }

    [Fact]
    public void The_correlation_id_is_the_one_the_middleware_wrote_to_the_request()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Correlation-Id"] = "gw-1";
        Assert.Equal("gw-1", ProxyHeaderPolicy.CorrelationIdOf(context));
    }
}
