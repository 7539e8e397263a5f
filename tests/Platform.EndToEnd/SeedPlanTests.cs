using System.Net;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>The seeded tree and the five seeded plans, as a user of each jurisdiction reads them through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SeedPlanTests(PlatformFixture fixture)
{
    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Each_user_sees_its_own_jurisdiction_and_what_lies_below_it()
    {
        using var county = await Gateway.GetAsync("api/jurisdictions", "yangcheng.duty");
        Assert.Equal(["yangcheng"], (await county.JsonAsync()).Strings("code"));

        using var city = await Gateway.GetAsync("api/jurisdictions", "jincheng.commander");
        var cityCodes = (await city.JsonAsync()).Strings("code");
        Assert.Equal(["chengqu", "jincheng", "jincheng_energy", "yangcheng"], cityCodes.Where(c => !c.StartsWith("e2e_")).Order());

        using var province = await Gateway.GetAsync("api/jurisdictions", "shanxi.analyst");
        var all = (await province.JsonAsync()).Strings("code");
        Assert.Superset(new HashSet<string> { "shanxi", "jincheng", "yangcheng", "chengqu", "jincheng_energy", "xinzhou", "xinzhou_edz" }, all.ToHashSet());

        using var sibling = await Gateway.GetAsync("api/jurisdictions/yangcheng", "chengqu.duty");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
    }

    [Fact]
    public async Task Yangcheng_runs_the_2023_taxonomy_and_reports_large_incidents_within_30_minutes()
    {
        var plan = await PlanAsync("yangcheng");
        Assert.Equal("gbt_20986_2023", plan.GetProperty("taxonomy").GetProperty("standard").GetString());
        Assert.Equal(10, plan.GetProperty("taxonomy").GetProperty("categories").GetArrayLength());
        Assert.Equal(30, DeadlineMinutes(plan, "large"));
        Assert.Equal(30, DeadlineMinutes(plan, "undetermined"));
        Assert.Equal(["I", "II", "III"], plan.GetProperty("responseLevels").Strings("code"));
        Assert.Equal(["commander"], Approvers(plan, "I"));
        Assert.Equal(["office-director"], Approvers(plan, "III"));
    }

    [Fact]
    public async Task Jincheng_runs_the_2007_taxonomy_and_reports_large_incidents_within_60_minutes()
    {
        var plan = await PlanAsync("jincheng", "jincheng.duty");
        Assert.Equal("gbz_20986_2007", plan.GetProperty("taxonomy").GetProperty("standard").GetString());
        Assert.Equal(7, plan.GetProperty("taxonomy").GetProperty("categories").GetArrayLength());
        Assert.Equal(60, DeadlineMinutes(plan, "large"));
        Assert.Equal(["commander", "deputy-commander"], Approvers(plan, "II"));
    }

    [Fact]
    public async Task Chengqu_has_only_levels_I_and_II_and_answers_inquiries_within_30_minutes()
    {
        var plan = await PlanAsync("chengqu", "chengqu.duty");
        Assert.Equal(["I", "II"], plan.GetProperty("responseLevels").Strings("code"));
        Assert.Equal(30, plan.GetProperty("reporting").GetProperty("writtenAfterPhoneMinutes").GetInt32());
        Assert.Equal(30, plan.GetProperty("reporting").GetProperty("inquiryAnswerMinutes").GetInt32());
        Assert.Equal(3, plan.GetProperty("warningScheme").GetProperty("levels").GetArrayLength());
    }

    [Fact]
    public async Task The_energy_bureau_warns_on_three_risk_levels()
    {
        var plan = await PlanAsync("jincheng_energy", "jincheng_energy.duty");
        Assert.Equal(3, plan.GetProperty("warningScheme").GetProperty("levels").GetArrayLength());
        Assert.Equal(["deputy-commander"], Approvers(plan, "II"));
        Assert.Equal(60, DeadlineMinutes(plan, "general"));
    }

    [Fact]
    public async Task The_zone_has_one_response_and_reviews_within_30_days_of_its_end()
    {
        var plan = await PlanAsync("xinzhou_edz", "xinzhou_edz.duty");
        Assert.Equal(1, plan.GetProperty("responseLevels").GetArrayLength());
        Assert.Equal(30, plan.GetProperty("aftermath").GetProperty("reviewDueDays").GetInt32());
    }

    [Fact]
    public async Task A_city_sees_its_counties_plans_and_their_revision_clocks_but_a_county_not_its_siblings()
    {
        using var revisions = await Gateway.GetAsync("api/jurisdictions/plan-revisions", "jincheng.commander");
        var list = await revisions.JsonAsync();
        var jincheng = list.EnumerateArray().Single(r => r.GetProperty("tenantCode").GetString() == "jincheng");
        Assert.Equal("2023-12-31", jincheng.GetProperty("nextRevisionDue").GetString());
        Assert.True(jincheng.GetProperty("overdue").GetBoolean());
        Assert.Contains("yangcheng", list.Strings("tenantCode"));

        using var countyPlan = await Gateway.GetAsync("api/jurisdictions/yangcheng/plan", "jincheng.duty");
        Assert.Equal(HttpStatusCode.OK, countyPlan.StatusCode);
        using var siblingPlan = await Gateway.GetAsync("api/jurisdictions/yangcheng/plan", "chengqu.commander");
        Assert.Equal(HttpStatusCode.NotFound, siblingPlan.StatusCode);
        using var contacts = await Gateway.GetAsync("api/jurisdictions/yangcheng/contacts", "yangcheng.duty");
        Assert.Equal(HttpStatusCode.OK, contacts.StatusCode);
        Assert.True((await contacts.JsonAsync()).GetProperty("contacts").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("incidents")]
    [InlineData("warnings")]
    [InlineData("exercises")]
    public async Task Services_that_act_under_a_plan_hold_their_own_copy_of_each_seeded_version(string service)
    {
        using var own = await Gateway.GetAsync($"api/{service}/plans/yangcheng", "yangcheng.duty");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var version = (await own.JsonAsync())[0];
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal("2025-04-14", version.GetProperty("effectiveFrom").GetString());

        using var parent = await Gateway.GetAsync($"api/{service}/plans/yangcheng", "jincheng.duty");
        Assert.Equal(HttpStatusCode.OK, parent.StatusCode);
        using var sibling = await Gateway.GetAsync($"api/{service}/plans/yangcheng", "chengqu.duty");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
    }

    private async Task<JsonElement> PlanAsync(string code, string username = "yangcheng.duty")
    {
        using var response = await Gateway.GetAsync($"api/jurisdictions/{code}/plan", username);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        return body.GetProperty("document");
    }

    private static int DeadlineMinutes(JsonElement plan, string grade) =>
        plan.GetProperty("reporting").GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("grade").GetString() == grade).GetProperty("minutes").GetInt32();

    private static string[] Approvers(JsonElement plan, string level) =>
        plan.GetProperty("responseLevels").EnumerateArray().Single(l => l.GetProperty("code").GetString() == level)
            .GetProperty("approverRoles").EnumerateArray().Select(r => r.GetString()!).ToArray();
}
