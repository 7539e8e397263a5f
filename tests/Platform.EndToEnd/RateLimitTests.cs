using System.Net;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>A platform whose gateway allows each tenant only a few requests a minute, to see the limit bite.</summary>
public sealed class SmallLimitsPlatform : IAsyncLifetime
{
    public const int PerTenantPerMinute = 5;

    public RunningPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync() => Platform = await RunningPlatform.StartAsync(new Dictionary<string, string>
    {
        ["Gateway__RateLimits__PerTenantPerMinute"] = PerTenantPerMinute.ToString(),
    });

    // No platform when it failed to start; the failure is already the test's.
    public Task DisposeAsync() => Platform is null ? Task.CompletedTask : Platform.DisposeAsync().AsTask();
}

public sealed class RateLimitTests(SmallLimitsPlatform fixture) : IClassFixture<SmallLimitsPlatform>
{
    [Fact]
    public async Task A_tenant_over_its_limit_is_told_when_to_retry_and_other_tenants_are_unaffected()
    {
        using var gateway = new GatewayClient(fixture.Platform.Gateway);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < SmallLimitsPlatform.PerTenantPerMinute * 2; i++)
        {
            var response = await gateway.GetAsync("api/jurisdictions", "yangcheng.duty");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.True(refused!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After on a 429");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync());
        refused.Dispose();

        using var other = await gateway.GetAsync("api/jurisdictions", "chengqu.duty");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
