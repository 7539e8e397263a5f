using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture fixture)
{
    private static readonly string[] Services = ["identity-api", "jurisdictions-api", "incidents-api", "warnings-api", "notifications-api", "exercises-api", "summaries-api"];

    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Health_is_ok_with_every_service_ready_and_tells_the_public_nothing_more()
    {
        using var response = await Gateway.Anonymous.GetAsync("health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        foreach (var service in Services)
        {
            Assert.DoesNotContain(service, body);
        }
        Assert.DoesNotContain("127.0.0.1", body);
    }

    [Fact]
    public async Task The_docs_page_lists_every_service_and_each_document_is_served_through_the_gateway()
    {
        using var docs = await Gateway.Anonymous.GetAsync("docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);

        foreach (var service in new[] { "identity", "jurisdictions", "incidents", "warnings", "notifications", "exercises" })
        {
            using var document = await Gateway.Anonymous.GetAsync($"openapi/{service}.json");
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.GetProperty("paths").EnumerateObject().Any(), $"{service} documents no paths");
        }
    }

    [Theory]
    [InlineData("api/jurisdictions")]
    [InlineData("api/incidents/directory/yangcheng")]
    [InlineData("api/warnings/directory/yangcheng")]
    [InlineData("api/notifications/directory/yangcheng")]
    [InlineData("api/exercises/directory/yangcheng")]
    public async Task A_request_without_a_token_or_with_a_forged_one_is_refused(string path)
    {
        using var anonymous = await Gateway.Anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, path);
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            ForgedToken.For(Gateway.BaseAddress, "yangcheng.commander", "yangcheng", "commander"));
        using var refused = await Gateway.Anonymous.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_before_it_reaches_a_service()
    {
        // As curl sends a large body: its length declared, and "Expect: 100-continue", so the client
        // hears the refusal instead of writing 2 MB into a connection the gateway has already answered.
        var body = JsonSerializer.SerializeToUtf8Bytes(new { code = "big", name = new string('大', 2 * 1024 * 1024 / 3) });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jurisdictions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Gateway.TokenForAsync("admin"));
        using var response = await Gateway.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_response_carries_a_correlation_id_and_security_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/jurisdictions");
        request.Headers.Add("X-Correlation-Id", "e2e-trace-42");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Gateway.TokenForAsync("yangcheng.duty"));
        using var response = await Gateway.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("e2e-trace-42", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
