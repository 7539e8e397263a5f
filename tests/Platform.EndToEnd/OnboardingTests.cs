using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fenghuo.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>An administrator adds a jurisdiction with its plan and first users in one call, and the chain of command follows.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OnboardingTests(PlatformFixture fixture)
{
    private const string Password = "Zezhou#2026first";

    private static readonly string[] Services = ["incidents", "warnings", "notifications", "exercises", "summaries"];

    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Zezhou_joins_under_jincheng_in_one_call_and_everyone_sees_it_where_they_should()
    {
        foreach (var service in Services)
        {
            await KnownAsync(service, "jincheng");
        }
        using var response = await Gateway.PostAsync("api/jurisdictions", "admin", new
        {
            code = "zezhou",
            name = "泽州县",
            kind = "county",
            parentCode = "jincheng",
            divisionCode = "140525",
            plan = new { template = "county" },
            users = new object[]
            {
                new { username = "zezhou.duty", displayName = "泽州县值班员", email = "duty@zezhou.example", roles = new[] { "duty-officer", "reporter" },
                      credentials = new { password = Password, temporary = false } },
                new { username = "zezhou.commander", displayName = "泽州县指挥长", roles = new[] { "commander" } },
            },
        });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal("shanxi.jincheng.zezhou", body.GetProperty("jurisdiction").GetProperty("path").GetString());
        Assert.Equal("template:county", body.GetProperty("planBasedOn").GetString());
        var commander = body.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("username").GetString() == "zezhou.commander");
        var oneTimePassword = commander.GetProperty("oneTimePassword").GetString()!;
        Assert.True(commander.GetProperty("mustChangePassword").GetBoolean());

        foreach (var service in Services)
        {
            await KnownAsync(service, "zezhou");
        }

        using var login = await Gateway.RequestTokenAsync("zezhou.duty", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.JsonAsync()).GetProperty("access_token").GetString()!;
        using var own = new HttpRequestMessage(HttpMethod.Get, "api/jurisdictions");
        own.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var ownList = await Gateway.Anonymous.SendAsync(own);
        Assert.Equal(["zezhou"], (await ownList.JsonAsync()).Strings("code"));

        using var firstLogin = await Gateway.RequestTokenAsync("zezhou.commander", oneTimePassword);
        Assert.Equal(HttpStatusCode.BadRequest, firstLogin.StatusCode);
        Assert.Contains("not fully set up", (await firstLogin.JsonAsync()).GetProperty("error_description").GetString());

        using var city = await Gateway.GetAsync("api/jurisdictions", "jincheng.commander");
        Assert.Contains("zezhou", (await city.JsonAsync()).Strings("code"));
        using var plan = await Gateway.GetAsync("api/jurisdictions/zezhou/plan", "jincheng.commander");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        using var sibling = await Gateway.GetAsync("api/jurisdictions/zezhou", "yangcheng.commander");
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);

        using var again = await Gateway.PostAsync("api/jurisdictions", "admin", new
        {
            code = "zezhou", name = "泽州县", kind = "county", parentCode = "jincheng", plan = new { template = "county" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_username_of_another_jurisdiction_refuses_the_whole_onboarding_and_leaves_nothing()
    {
        var code = Fresh();
        using var response = await Gateway.PostAsync("api/jurisdictions", "admin", new
        {
            code, name = "冲突县", kind = "county", parentCode = "jincheng", plan = new { template = "county" },
            users = new object[]
            {
                new { username = $"{code}.duty", roles = new[] { "duty-officer" } },
                new { username = "yangcheng.duty", roles = new[] { "duty-officer" } },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("users[1].username", (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        using var lookup = await Gateway.GetAsync($"api/jurisdictions/{code}", "admin");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        using var users = await Gateway.GetAsync($"admin/realms/fenghuo/users?username={code}.duty&exact=true", "admin");
        Assert.Equal(0, (await users.JsonAsync()).GetArrayLength());
        using var stillYangcheng = await Gateway.RequestTokenAsync("yangcheng.duty", RunningPlatform.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, stillYangcheng.StatusCode);
    }

    [Fact]
    public async Task A_retry_after_the_users_were_made_but_the_jurisdiction_was_not_finishes_the_job()
    {
        var code = Fresh();
        // What an attempt that failed after creating its user leaves behind: the user, tagged with the new tenant.
        using var leftover = await Gateway.PostAsync("admin/realms/fenghuo/users", "admin", new
        {
            username = $"{code}.duty", enabled = true, attributes = new Dictionary<string, string[]> { ["tenant"] = [code] },
        });
        Assert.Equal(HttpStatusCode.Created, leftover.StatusCode);
        var leftoverId = leftover.Headers.Location!.Segments.Last();

        using var retry = await Gateway.PostAsync("api/jurisdictions", "admin", new
        {
            code, name = "重试县", kind = "county", parentCode = "jincheng", plan = new { template = "county" },
            users = new[] { new { username = $"{code}.duty", roles = new[] { "duty-officer" }, credentials = new { password = Password, temporary = false } } },
        });
        var body = await retry.JsonAsync();
        Assert.True(retry.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal(leftoverId, body.GetProperty("users")[0].GetProperty("id").GetString());
        using var login = await Gateway.RequestTokenAsync($"{code}.duty", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task A_command_drafts_edits_and_publishes_a_new_plan_version_and_published_versions_never_change()
    {
        var code = await OnboardAsync(("director", "office-director"), ("duty", "duty-officer"));

        using var byDuty = await Gateway.PostAsync($"api/jurisdictions/{code}/plans", $"{code}.duty", new { from = "current" });
        Assert.Equal(HttpStatusCode.Forbidden, byDuty.StatusCode);
        // Who may not write the plan learns nothing from field errors: the caller is weighed before the request.
        using var sourcelessByDuty = await Gateway.PostAsync($"api/jurisdictions/{code}/plans", $"{code}.duty", new { });
        Assert.Equal(HttpStatusCode.Forbidden, sourcelessByDuty.StatusCode);

        using var draft = await Gateway.PostAsync($"api/jurisdictions/{code}/plans", $"{code}.director", new { from = "current" });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var drafted = await draft.JsonAsync();
        var document = drafted.GetProperty("document");
        Assert.Equal(2, drafted.GetProperty("version").GetInt32());

        var broken = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(document.GetRawText())!;
        var levels = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(broken["responseLevels"].GetRawText())!;
        levels[0]["approverRoles"] = JsonSerializer.SerializeToElement(new[] { "mayor" });
        broken["responseLevels"] = JsonSerializer.SerializeToElement(levels);
        using var rejected = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/plans/2", $"{code}.director", broken);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("responseLevels[0].approverRoles[0]", (await rejected.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var brokenByDuty = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/plans/2", $"{code}.duty", broken);
        Assert.Equal(HttpStatusCode.Forbidden, brokenByDuty.StatusCode);
        using var backdatedByDuty = await Gateway.PostAsync($"api/jurisdictions/{code}/plans/2/publish", $"{code}.duty", new { effectiveFrom = "2020-01-01" });
        Assert.Equal(HttpStatusCode.Forbidden, backdatedByDuty.StatusCode);

        using var edited = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/plans/2", $"{code}.director", document);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        using var published = await Gateway.PostAsync($"api/jurisdictions/{code}/plans/2/publish", $"{code}.director", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        using var inForce = await Gateway.GetAsync($"api/jurisdictions/{code}/plan", $"{code}.duty");
        Assert.Equal(2, (await inForce.JsonAsync()).GetProperty("version").GetInt32());
        using var versions = await Gateway.GetAsync($"api/jurisdictions/{code}/plans", $"{code}.duty");
        Assert.Equal(["published", "superseded"], (await versions.JsonAsync()).Strings("status"));
        using var frozen = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/plans/1", $"{code}.director", document);
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);

        // 放弃草稿: a draft the office will not publish is thrown away, and the next one can be started; published versions stay.
        using var unwanted = await Gateway.PostAsync($"api/jurisdictions/{code}/plans", $"{code}.director", new { from = "current" });
        Assert.Equal(HttpStatusCode.Created, unwanted.StatusCode);
        using var discardedByDuty = await Gateway.SendAsync(HttpMethod.Delete, $"api/jurisdictions/{code}/plans/3", $"{code}.duty");
        Assert.Equal(HttpStatusCode.Forbidden, discardedByDuty.StatusCode);
        using var discarded = await Gateway.SendAsync(HttpMethod.Delete, $"api/jurisdictions/{code}/plans/3", $"{code}.director");
        Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
        using var publishedKept = await Gateway.SendAsync(HttpMethod.Delete, $"api/jurisdictions/{code}/plans/2", $"{code}.director");
        Assert.Equal(HttpStatusCode.Conflict, publishedKept.StatusCode);
        using var afterDiscard = await Gateway.GetAsync($"api/jurisdictions/{code}/plans", $"{code}.duty");
        Assert.Equal(["published", "superseded"], (await afterDiscard.JsonAsync()).Strings("status"));
        using var again = await Gateway.PostAsync($"api/jurisdictions/{code}/plans", $"{code}.director", new { from = "current" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        using var discardedAgain = await Gateway.SendAsync(HttpMethod.Delete, $"api/jurisdictions/{code}/plans/{(await again.JsonAsync()).GetProperty("version").GetInt32()}", $"{code}.director");
        Assert.Equal(HttpStatusCode.NoContent, discardedAgain.StatusCode);

        await HeldVersionsAsync(code, 2, "incidents-api never received version 2");
    }

    [Fact]
    public async Task A_new_plan_version_leaves_an_existing_incidents_clocks_alone_and_governs_the_next_report()
    {
        var code = await OnboardAsync(("director", "office-director"), ("duty", "duty-officer"));
        await HeldVersionsAsync(code, 1, "incidents-api never received version 1");
        var occurredAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());
        var before = await ReportLargeAsync(code, occurredAt);
        Assert.Equal((1, occurredAt.AddMinutes(30)), (before.GetProperty("planVersion").GetInt32(), ReportUpwardDue(before))); // county template: 较大 within 30 minutes

        // Version 2 gives 较大 45 minutes.
        using var draft = await Gateway.PostAsync($"api/jurisdictions/{code}/plans", $"{code}.director", new { from = "current" });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var document = JsonNode.Parse((await draft.JsonAsync()).GetProperty("document").GetRawText())!;
        foreach (var deadline in document["reporting"]!["deadlines"]!.AsArray().Where(d => (string?)d!["grade"] == "large"))
        {
            deadline!["minutes"] = 45;
        }
        using var edited = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/plans/2", $"{code}.director", document);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        using var published = await Gateway.PostAsync($"api/jurisdictions/{code}/plans/2/publish", $"{code}.director", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await HeldVersionsAsync(code, 2, "incidents-api never received version 2");

        // The incident reported under version 1 keeps its clock, even when an act recomputes it.
        using var assessed = await Gateway.PostAsync($"api/incidents/{before.GetProperty("id").GetString()}/assessment", $"{code}.duty", new { outcome = "confirmed", grade = "large" });
        var after = await assessed.JsonAsync();
        Assert.True(assessed.StatusCode == HttpStatusCode.OK, after.ToString());
        Assert.Equal((1, occurredAt.AddMinutes(30)), (after.GetProperty("planVersion").GetInt32(), ReportUpwardDue(after)));

        var next = await ReportLargeAsync(code, occurredAt);
        Assert.Equal((2, occurredAt.AddMinutes(45)), (next.GetProperty("planVersion").GetInt32(), ReportUpwardDue(next)));
    }

    private async Task<JsonElement> ReportLargeAsync(string code, DateTimeOffset occurredAt)
    {
        using var response = await Gateway.PostAsync("api/incidents", $"{code}.duty", new
        {
            reportingUnit = "测试县网信办", occurringUnit = "县人民医院", occurredAt, reporter = "张三",
            category = "data_security", grade = "large", description = "信息系统数据外泄",
        });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    private static DateTimeOffset ReportUpwardDue(JsonElement incident) =>
        incident.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "report_upward").GetProperty("dueAt").GetDateTimeOffset();

    private Task HeldVersionsAsync(string code, int count, string failure) =>
        Eventually.Until(async () =>
        {
            using var held = await Gateway.GetAsync($"api/incidents/plans/{code}", $"{code}.duty");
            return held.IsSuccessStatusCode && (await held.JsonAsync()).GetArrayLength() == count;
        }, failure);

    [Fact]
    public async Task A_suspended_jurisdiction_cannot_log_in_and_its_live_tokens_are_refused()
    {
        var code = await OnboardAsync(("duty", "duty-officer"));
        var token = await Gateway.TokenForAsync($"{code}.duty");

        using var suspended = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/status", "admin", new { status = "suspended", reason = "e2e" });
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);

        await Eventually.Until(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/incidents/directory/{code}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Gateway.Anonymous.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Forbidden;
        }, "incidents-api kept serving a suspended jurisdiction");
        await Eventually.Until(async () =>
        {
            using var login = await Gateway.RequestTokenAsync($"{code}.duty", RunningPlatform.DemoPassword);
            return !login.IsSuccessStatusCode;
        }, "a suspended jurisdiction's user could still log in");
    }

    [Fact]
    public async Task A_jurisdiction_moved_to_another_city_leaves_the_old_command_and_cannot_be_moved_under_itself()
    {
        var code = await OnboardAsync(("duty", "duty-officer"));
        using var cycle = await Gateway.SendAsync(HttpMethod.Put, "api/jurisdictions/jincheng/parent", "admin", new { parentCode = code });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);

        using var moved = await Gateway.SendAsync(HttpMethod.Put, $"api/jurisdictions/{code}/parent", "admin", new { parentCode = "xinzhou", reason = "区划调整" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal($"shanxi.xinzhou.{code}", (await moved.JsonAsync()).GetProperty("path").GetString());

        using var oldCity = await Gateway.GetAsync($"api/jurisdictions/{code}/plan", "jincheng.commander");
        Assert.Equal(HttpStatusCode.NotFound, oldCity.StatusCode);
        using var newCity = await Gateway.GetAsync($"api/jurisdictions/{code}/plan", "xinzhou.commander");
        Assert.Equal(HttpStatusCode.OK, newCity.StatusCode);
        await Eventually.Until(async () =>
        {
            using var entry = await Gateway.GetAsync($"api/warnings/directory/{code}", "admin");
            return entry.IsSuccessStatusCode && (await entry.JsonAsync()).GetProperty("path").GetString() == $"shanxi.xinzhou.{code}";
        }, "warnings-api kept the old path");
        await Eventually.Until(async () =>
        {
            using var held = await Gateway.GetAsync($"api/incidents/plans/{code}", "xinzhou.commander");
            return held.StatusCode == HttpStatusCode.OK;
        }, "the plan copy in incidents-api did not follow the move");
        using var oldCopy = await Gateway.GetAsync($"api/incidents/plans/{code}", "jincheng.commander");
        Assert.Equal(HttpStatusCode.NotFound, oldCopy.StatusCode);
        using var ownCopy = await Gateway.GetAsync($"api/incidents/plans/{code}", $"{code}.duty");
        Assert.Equal(HttpStatusCode.OK, ownCopy.StatusCode);
    }

    private static string Fresh() => $"e2e_{Guid.NewGuid():N}"[..16];

    /// <summary>A fresh county under Jincheng with users "&lt;code&gt;.&lt;short&gt;" holding the demo password.</summary>
    private async Task<string> OnboardAsync(params (string Short, string Role)[] users)
    {
        var code = Fresh();
        using var response = await Gateway.PostAsync("api/jurisdictions", "admin", new
        {
            code, name = "测试县", kind = "county", parentCode = "jincheng", plan = new { template = "county" },
            users = users.Select(u => new
            {
                username = $"{code}.{u.Short}", roles = new[] { u.Role },
                credentials = new { password = RunningPlatform.DemoPassword, temporary = false },
            }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await KnownAsync("incidents", code);
        return code;
    }

    private Task KnownAsync(string service, string code) =>
        Eventually.Until(async () =>
        {
            using var response = await Gateway.GetAsync($"api/{service}/directory/{code}", "admin");
            return response.StatusCode == HttpStatusCode.OK;
        }, $"{service} never learned of {code}");
}
