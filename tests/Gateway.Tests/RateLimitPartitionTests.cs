using System.Net;
using System.Security.Claims;
using Fenghuo.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Fenghuo.Gateway.Tests;

public sealed class RateLimitPartitionTests
{
    private static readonly IPAddress Client = IPAddress.Parse("10.1.2.3");

    [Fact]
    public void A_token_with_a_tenant_counts_against_the_tenant() =>
        Assert.Equal("tenant:yangcheng", RateLimitPartitions.ForCaller(User(("tenant", "yangcheng"), ("sub", "u1"))));

    [Fact]
    public void Users_of_one_tenant_share_its_bucket() =>
        Assert.Equal(
            RateLimitPartitions.ForCaller(User(("tenant", "yangcheng"), ("sub", "u1"))),
            RateLimitPartitions.ForCaller(User(("tenant", "yangcheng"), ("sub", "u2"))));

    [Fact]
    public void A_token_without_a_tenant_counts_against_its_subject() =>
        Assert.Equal("sub:u1", RateLimitPartitions.ForCaller(User(("sub", "u1"))));

    [Fact]
    public void A_token_with_neither_is_counted_by_address_alone() =>
        Assert.Null(RateLimitPartitions.ForCaller(User(("preferred_username", "x"))));

    [Fact]
    public void An_anonymous_caller_has_no_tenant_bucket_and_is_counted_by_address_alone() =>
        Assert.Null(RateLimitPartitions.ForCaller(new ClaimsPrincipal(new ClaimsIdentity())));

    [Fact]
    public void Claims_of_an_unauthenticated_identity_are_not_trusted()
    {
        var unvalidated = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tenant", "someone-else")]));
        Assert.Null(RateLimitPartitions.ForCaller(unvalidated));
    }

    [Fact]
    public void An_ipv4_caller_over_ipv6_is_the_same_caller() =>
        Assert.Equal(RateLimitPartitions.ForAddress(Client), RateLimitPartitions.ForAddress(Client.MapToIPv6()));

    [Fact]
    public void An_unknown_address_still_has_a_partition() =>
        Assert.Equal("ip:unknown", RateLimitPartitions.ForAddress(null));

    [Theory]
    [InlineData("/health", true)]
    [InlineData("/alive", true)]
    [InlineData("/healthz", false)]
    [InlineData("/api/incidents", false)]
    [InlineData("/realms/fenghuo/protocol/openid-connect/token", false)]
    public void Only_probes_are_exempt(string path, bool exempt) =>
        Assert.Equal(exempt, RateLimitPartitions.IsExempt(new PathString(path)));

    [Fact]
    public void A_bucket_holds_a_minute_and_refills_evenly()
    {
        var bucket = GatewayRateLimiting.PerMinute(6000);
        Assert.Equal(6000, bucket.TokenLimit);
        Assert.Equal(1, bucket.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(10), bucket.ReplenishmentPeriod);
        Assert.Equal(0, bucket.QueueLimit);
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.2, 2)]
    [InlineData(20.0, 20)]
    public void Retry_after_is_whole_seconds_rounded_up(double seconds, int expected) =>
        Assert.Equal(expected, RateLimitRejection.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)));

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));
}
