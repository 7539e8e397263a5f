using System.Net;
using System.Text.Json;
using Fenghuo.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>The Exercises API as a command's office plans and runs drills through the gateway.</summary>
public sealed class ExerciseDesk(GatewayClient gateway)
{
    public const string Base = "api/exercises";

    private readonly IncidentDesk desk = new(gateway);

    public Task<Reply> SendAsync(HttpMethod method, string path, string username, object? body = null) => desk.SendAsync(method, path, username, body);

    /// <summary>A two-hour exercise starting now; injects as given.</summary>
    public static object Plan(string title, string[] participants, params object[] injects) => new
    {
        title, kind = "functional", scenario = "勒索病毒攻击政务外网，部分业务系统数据被加密",
        objectives = new[] { "检验事件报告时限", "检验市县两级协同处置" },
        scheduledStart = DateTimeOffset.UtcNow, scheduledEnd = DateTimeOffset.UtcNow.AddHours(2), participants, injects,
    };

    /// <summary>An inject at the start addressed to the target, optionally opening a 较大 data-leak drill incident (Yangcheng's GB/T 20986-2023 codes).</summary>
    public static object Inject(string target, int offsetMinutes = 0, bool drillIncident = false) => new
    {
        offsetMinutes, target, title = "社保查询系统疑似数据泄露", content = "监测发现社保查询系统存在大量异常导出，疑似个人信息泄露。",
        expectedAction = "核实情况，按预案研判定级并向上级报告",
        drillIncident = drillIncident
            ? new { category = "data_security", subcategory = "data_leak", grade = "large", description = "社保查询系统约两万条个人信息疑似泄露" }
            : null,
    };

    /// <summary>
    /// A finding's plan revision opens a draft at its owner, which would stay open on the shared platform:
    /// once it is there, the owner's office director discards it (放弃草稿), leaving the seeded plan as it was.
    /// </summary>
    public async Task DiscardPlanDraftAsync(string tenant)
    {
        var draft = await Eventually.Value(async () => (await SendAsync(HttpMethod.Get, $"api/jurisdictions/{tenant}/plans", $"{tenant}.director")).Body
                .EnumerateArray().Where(v => v.GetProperty("status").GetString() == "draft").Select(v => v.GetProperty("version").GetInt32()).FirstOrDefault(),
            version => version > 0, $"{tenant} has a plan-revision draft");
        var discarded = await SendAsync(HttpMethod.Delete, $"api/jurisdictions/{tenant}/plans/{draft}", $"{tenant}.director");
        Assert.True(discarded.Status == HttpStatusCode.NoContent, $"discard {tenant}'s draft v{draft}: {discarded}");
    }

    public async Task<JsonElement> PlanAsync(string username, object plan)
    {
        var reply = await SendAsync(HttpMethod.Post, Base, username, plan);
        Assert.True(reply.Status == HttpStatusCode.Created, $"plan by {username}: {reply}");
        return reply.Body;
    }

    public Task<Reply> TryActAsync(string id, string act, string username, object? body = null) =>
        SendAsync(HttpMethod.Post, $"{Base}/{id}/{act}", username, body ?? new { });

    public async Task<JsonElement> ActAsync(string id, string act, string username, object? body = null)
    {
        var reply = await TryActAsync(id, act, username, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{act} by {username}: {reply}");
        return reply.Body;
    }

    public async Task<JsonElement> GetAsync(string path, string username)
    {
        var reply = await SendAsync(HttpMethod.Get, path, username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {path} as {username}: {reply}");
        return reply.Body;
    }

    /// <summary>The exercise once its injects reached their targets.</summary>
    public Task<JsonElement> DeliveredAsync(string id, string username) =>
        Eventually.Value(() => GetAsync($"{Base}/{id}", username),
            x => x.GetProperty("injects").EnumerateArray().All(i => i.GetProperty("deliveredAt").ValueKind == JsonValueKind.String),
            $"the injects of exercise {id} were delivered");

    /// <summary>A Yangcheng exercise run to its evaluation, with an answered inject and an open finding: every act a sibling could try has a target.</summary>
    public Task<(string Id, string InjectId, string FindingId)> EvaluatedYangchengExerciseAsync() => EvaluatedExerciseAsync("yangcheng", "yangcheng.director");

    /// <summary>An exercise of the tenant's own, organised by the given user, run to its evaluation with an answered inject and an open finding the tenant owns.</summary>
    public async Task<(string Id, string InjectId, string FindingId)> EvaluatedExerciseAsync(string tenant, string organiser)
    {
        var planned = await PlanAsync(organiser, Plan("网络安全桌面推演", [], Inject(tenant)));
        var id = planned.GetProperty("id").GetString()!;
        await ActAsync(id, "start", organiser);
        var delivered = await DeliveredAsync(id, organiser);
        var injectId = delivered.GetProperty("injects")[0].GetProperty("id").GetString()!;
        await ActAsync(id, $"injects/{injectId}/response", organiser, new { response = "已核实并报告。" });
        await ActAsync(id, "end", organiser);
        var evaluated = await ActAsync(id, "evaluation", organiser, new
        {
            summary = "报告及时，处置流程清晰。",
            findings = new[] { new { title = "值班电话转接不畅", severity = "minor", owner = tenant, dueOn = "2026-12-31", planSection = "§4.1" } },
        });
        return (id, injectId, evaluated.GetProperty("findings")[0].GetProperty("id").GetString()!);
    }
}
