using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fenghuo.Gateway.Tests;

/// <summary>
/// The gateway's anonymous /health tells the internet whether the platform is up and nothing more,
/// and is rate-limited; the report naming services and errors is only on the internal address.
/// </summary>
public sealed class PublicHealthTests
{
    [Fact]
    public async Task The_public_health_answer_is_a_bare_status_without_services_hosts_or_errors()
    {
        // No service runs here, so every probe fails with connection errors naming hosts and ports.
        await using var gateway = Gateway(("Gateway:InternalHealthUrl", "http://127.0.0.1:18081"));
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateObject());
        Assert.DoesNotContain("incidents-api", body);
        Assert.DoesNotContain("unreachable", body);

        using var detail = await client.GetAsync("/health/detail");
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
    }

    [Fact]
    public async Task Health_has_its_own_per_address_limit()
    {
        await using var gateway = Gateway(("Gateway:RateLimits:HealthPerIpPerMinute", "3"));
        using var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync("/health");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }
        using var limited = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    private static WebApplicationFactory<Program> Gateway(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Gateway:HealthTimeoutSeconds", "1");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
