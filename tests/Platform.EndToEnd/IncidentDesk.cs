using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>One answer of the Incidents API: the status and the body (an incident, a list or an RFC 9457 problem).</summary>
public sealed record Reply(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)
{
    /// <summary>The problem's machine-readable reason (role_not_allowed, invalid_state …), when there is one.</summary>
    public string? Code =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;

    // Printed by failed assertions, so a refusal shows why it was refused.
    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>
/// The Incidents API as county offices and their commands use it through the gateway: the report
/// form filled in as a duty officer would, the lifecycle acts, and the few reads every test needs.
/// </summary>
public sealed class IncidentDesk(GatewayClient gateway)
{
    public const string Base = "api/incidents";

    public async Task<Reply> SendAsync(
        HttpMethod method, string path, string username, object? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var response = await gateway.SendAsync(method, path, username, body, headers);
        var text = await response.Content.ReadAsStringAsync();
        var json = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Reply(response.StatusCode, json, response.Headers);
    }

    /// <summary>Records the form and expects 201 with the new incident.</summary>
    public async Task<JsonElement> ReportAsync(string username, object form)
    {
        var reply = await SendAsync(HttpMethod.Post, Base, username, form);
        Assert.True(reply.Status == HttpStatusCode.Created, $"report by {username}: {reply}");
        return reply.Body;
    }

    /// <summary>An act on one incident (assessment, response, response/end …), whatever the answer.</summary>
    public Task<Reply> TryActAsync(string id, string act, string username, object? body = null, HttpMethod? method = null) =>
        SendAsync(method ?? HttpMethod.Post, $"{Base}/{id}/{act}", username, body ?? new { });

    /// <summary>An act that must succeed: 200 with the whole incident.</summary>
    public async Task<JsonElement> ActAsync(string id, string act, string username, object? body = null, HttpMethod? method = null)
    {
        var reply = await TryActAsync(id, act, username, body, method);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{act} by {username}: {reply}");
        return reply.Body;
    }

    public Task<Reply> TryGetAsync(string id, string username) => SendAsync(HttpMethod.Get, $"{Base}/{id}", username);

    public async Task<JsonElement> GetAsync(string id, string username)
    {
        var reply = await TryGetAsync(id, username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET incident as {username}: {reply}");
        return reply.Body;
    }

    /// <summary>The incident ids a listing shows the user: "" their own (with an optional "?state=…" query), "/escalated" escalated to them.</summary>
    public async Task<string[]> ListedIdsAsync(string username, string listing = "")
    {
        var reply = await SendAsync(HttpMethod.Get, Base + listing, username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {Base}{listing} as {username}: {reply}");
        return Items(reply.Body).Select(IncidentId).ToArray();
    }

    /// <summary>The entry for one incident in GET /api/incidents/escalated, as the command sees it.</summary>
    public async Task<JsonElement?> EscalatedEntryAsync(string username, string id)
    {
        var reply = await SendAsync(HttpMethod.Get, $"{Base}/escalated", username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET escalated as {username}: {reply}");
        return Items(reply.Body).Cast<JsonElement?>().FirstOrDefault(e => IncidentId(e!.Value) == id);
    }

    /// <summary>
    /// A Yangcheng incident as a city command meets it: a large data leak whose level I response
    /// escalated it to Jincheng, with one inquiry from Jincheng that Yangcheng answered (so no clock is
    /// left running and the incident reads the same from one minute to the next).
    /// </summary>
    public async Task<(string Id, string InquiryId)> EscalatedYangchengIncidentAsync()
    {
        var incident = await ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(5)));
        var id = Id(incident);
        await ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        await ActAsync(id, "response", "yangcheng.commander", new { level = "I" });
        var asked = await ActAsync(id, "inquiries", "jincheng.duty", new { question = "请核实泄露数据的条数和涉及的系统。" });
        var inquiryId = asked.GetProperty("inquiries")[0].GetProperty("id").GetString()!;
        await ActAsync(id, $"inquiries/{inquiryId}/answer", "yangcheng.duty", new { answer = "约两万条，涉及社保查询系统。" });
        return (id, inquiryId);
    }

    /// <summary>
    /// The report form (上报表) as an office fills it in: every field the plans' appendices ask for.
    /// A null subcategory is left out (the zone's plan lists categories without subcategories).
    /// </summary>
    public static Dictionary<string, object?> Form(string grade, string category, string? subcategory, DateTimeOffset occurredAt)
    {
        var form = new Dictionary<string, object?>
        {
            ["grade"] = grade,
            ["category"] = category,
            ["occurredAt"] = occurredAt,
            ["reportingUnit"] = "指挥部办公室",
            ["occurringUnit"] = "人力资源和社会保障局",
            ["reporter"] = "张伟",
            ["reviewer"] = "李娜",
            ["harms"] = new[] { "data_leaked" },
            ["description"] = "社保查询系统数据库疑被拖库，部分参保人员信息在境外论坛出售。",
            ["measuresTaken"] = "已断开数据库外网访问，保留日志。",
            ["consequenceEstimate"] = "约两万条个人信息泄露。",
            ["suggestions"] = "请求技术支撑队伍协助溯源。",
            ["location"] = "政务云机房",
            ["source"] = "网信部门通报",
            ["affectedScope"] = "社保查询系统",
            ["estimatedLoss"] = "待评估",
            ["trend"] = "暂未扩散",
        };
        if (subcategory is not null)
        {
            form["subcategory"] = subcategory;
        }
        return form;
    }

    /// <summary>A moment in the past on a whole second, so what the platform echoes back compares exactly.</summary>
    public static DateTimeOffset MinutesAgo(int minutes)
    {
        var moment = DateTimeOffset.UtcNow.AddMinutes(-minutes);
        return new DateTimeOffset(moment.Ticks - moment.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static string Id(JsonElement incident) => incident.GetProperty("id").GetString()!;

    public static string State(JsonElement incident) => incident.GetProperty("state").GetString()!;

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static DateTimeOffset At(JsonElement element, string property) => element.GetProperty(property).GetDateTimeOffset();

    /// <summary>The incident's one deadline of that kind (for inquiry answers: of that inquiry), or null.</summary>
    public static JsonElement? Deadline(JsonElement incident, string kind, string? inquiryId = null) =>
        incident.GetProperty("deadlines").EnumerateArray()
            .Where(d => d.GetProperty("kind").GetString() == kind && (inquiryId is null || Text(d, "inquiryId") == inquiryId))
            .Cast<JsonElement?>()
            .SingleOrDefault();

    public static JsonElement RequiredDeadline(JsonElement incident, string kind, string? inquiryId = null) =>
        Deadline(incident, kind, inquiryId) ?? throw new Xunit.Sdk.XunitException($"no {kind} deadline on {incident}");

    public static string[] EscalatedTo(JsonElement incident) =>
        incident.GetProperty("escalatedTo").EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static JsonElement[] Escalations(JsonElement incident) => incident.GetProperty("escalations").EnumerateArray().ToArray();

    public static int TimelineLength(JsonElement incident) => incident.GetProperty("timeline").GetArrayLength();

    // Listings are arrays of lines, each naming its incident by id.
    private static IEnumerable<JsonElement> Items(JsonElement listing) => listing.EnumerateArray();

    private static string IncidentId(JsonElement entry) => entry.GetProperty("id").GetString()!;
}
