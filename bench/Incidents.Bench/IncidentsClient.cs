using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Fenghuo.Platform.EndToEnd;

namespace Fenghuo.Incidents.Bench;

/// <summary>The few Incidents API calls the benchmark makes, through the gateway with real tokens.</summary>
internal sealed class IncidentsClient(GatewayClient gateway)
{
    public const string Reporter = "yangcheng.duty";
    public const string ParentDuty = "jincheng.duty";

    private const string CorrelationId = "X-Correlation-Id";

    public GatewayClient Gateway => gateway;

    /// <returns>The new incident's id, or what went wrong.</returns>
    public Task<(string? Id, string? Error)> ReportAsync(bool readId) => ReportAsync(Reporter, readId);

    /// <returns>The new incident's id, or what went wrong.</returns>
    public async Task<(string? Id, string? Error)> ReportAsync(string reporter, bool readId)
    {
        using var response = await gateway.PostAsync("api/incidents", reporter, ReportForms.Next());
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (null, Failure("POST /api/incidents", response, body));
        }

        return (readId ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetString() : null, null);
    }

    // The newest entry each incident's last answer carried, as the portal's page keeps it.
    private readonly ConcurrentDictionary<string, int> seen = new();

    /// <summary>
    /// 续报: a progress follow-up on an incident of the user's own jurisdiction, asked as the portal asks it: with the
    /// newest entry it was last shown (?seen=), so that the answer carries only what is newer.
    /// </summary>
    public async Task<string?> FollowUpAsync(string user, string id)
    {
        var query = seen.TryGetValue(id, out var newest) ? $"?seen={newest}" : "";
        using var response = await gateway.PostAsync($"api/incidents/{id}/followups{query}", user,
            new { content = "流量清洗持续生效，异常访问已下降至正常水平的 1.2 倍，继续监测（性能基准）", kind = "progress" });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Failure("POST …/followups", response, body);
        }
        using var answer = JsonDocument.Parse(body);
        var total = answer.RootElement.GetProperty("timelineTotal").GetInt32();
        seen.AddOrUpdate(id, total, (_, known) => Math.Max(known, total));
        return null;
    }

    /// <summary>向上报告: sends the incident to the reporter's parent command (阳城县 → 晋城市).</summary>
    public async Task<string?> ReportUpwardAsync(string id)
    {
        using var response = await gateway.PostAsync($"api/incidents/{id}/escalations", Reporter,
            new { kind = "report", reason = "按预案向市指挥部办公室报告（性能基准）", byPhone = false });
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? null : Failure("POST …/escalations", response, body);
    }

    /// <summary>Whether the parent's duty desk sees the incident in its escalated list yet.</summary>
    public async Task<(bool Visible, string? Error)> VisibleAtParentAsync(string id)
    {
        using var response = await gateway.GetAsync("api/incidents/escalated", ParentDuty);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? (body.Contains(id, StringComparison.Ordinal), null)
            : (false, Failure("GET /api/incidents/escalated", response, body));
    }

    /// <summary>
    /// The status, the problem body and the correlation id the gateway gave the request (each process logs
    /// its failures with it), so a failure can be found in the platform's log.
    /// </summary>
    private static string Failure(string call, HttpResponseMessage response, string body)
    {
        var correlation = response.Headers.TryGetValues(CorrelationId, out var values) ? string.Join(',', values) : "none";
        var server = response.Headers.Server.Count > 0 ? $" server {response.Headers.Server}" : "";
        return $"{call} → {(int)response.StatusCode}{server} correlation {correlation} body {(body.Length == 0 ? "(empty)" : Shorten(body))}";
    }

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ");
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
