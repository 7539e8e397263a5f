using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fenghuo.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>A jurisdiction created in Jurisdictions reaches every other service's tenant directory through RabbitMQ.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantPropagationTests(PlatformFixture fixture)
{
    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task A_new_jurisdiction_under_jincheng_becomes_known_to_every_service()
    {
        var code = $"e2e_{Guid.NewGuid():N}"[..20];
        using var created = await Gateway.PostAsync("api/jurisdictions", "admin",
            new { code, name = "测试县", kind = "county", parentCode = "jincheng", divisionCode = "140525", plan = new { template = "county" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"shanxi.jincheng.{code}", body.GetProperty("jurisdiction").GetProperty("path").GetString());

        foreach (var service in new[] { "incidents", "warnings", "notifications", "exercises" })
        {
            await Eventually.Until(async () =>
            {
                using var response = await Gateway.GetAsync($"api/{service}/directory/{code}", "admin");
                return response.StatusCode == HttpStatusCode.OK;
            }, $"{service} never learned of {code}");
        }
    }

    [Fact]
    public async Task A_county_cannot_see_what_a_service_knows_of_a_sibling_or_onboard_anything()
    {
        using var sibling = await Gateway.GetAsync("api/incidents/directory/chengqu", "yangcheng.duty");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);

        using var own = await Gateway.GetAsync("api/incidents/directory/yangcheng", "yangcheng.duty");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        using var onboarding = await Gateway.PostAsync("api/jurisdictions", "yangcheng.commander",
            new { code = "sneaky", name = "越权", kind = "township", parentCode = "yangcheng", plan = new { template = "county" } });
        Assert.Equal(HttpStatusCode.Forbidden, onboarding.StatusCode);
    }

    [Fact]
    public async Task Onboarding_with_bad_fields_answers_every_field_in_chinese_and_english_and_creates_nothing()
    {
        using var response = await Gateway.PostAsync("api/jurisdictions", "admin",
            new { code = "Bad Code", name = "", kind = "county", parentCode = "nowhere" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        var message = problem.GetProperty("fieldErrors")[0];
        Assert.False(string.IsNullOrEmpty(message.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(message.GetProperty("messageEn").GetString()));

        using var unknownParent = await Gateway.PostAsync("api/jurisdictions", "admin",
            new { code = "orphan", name = "孤儿县", kind = "county", parentCode = "nowhere", plan = new { template = "county" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownParent.StatusCode);
        using var lookup = await Gateway.GetAsync("api/jurisdictions/orphan", "admin");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_is_named_as_a_field_error()
    {
        using var response = await Gateway.PostAsync("api/jurisdictions", "admin",
            new { code = "village1", name = "某村", kind = "village", parentCode = "yangcheng", plan = new { template = "county" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _), problem.ToString());

        using var notJson = new HttpRequestMessage(HttpMethod.Post, "api/jurisdictions")
        {
            Content = new StringContent("{ this is not json", System.Text.Encoding.UTF8, "application/json"),
        };
        notJson.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Gateway.TokenForAsync("admin"));
        using var garbled = await Gateway.Anonymous.SendAsync(notJson);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Contains("JSON", await garbled.Content.ReadAsStringAsync());
    }
}
