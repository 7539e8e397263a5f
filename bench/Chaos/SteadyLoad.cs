using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fenghuo.Platform.EndToEnd;

namespace Fenghuo.Chaos;

/// <summary>One request as a client saw it: accepted once it got a 2xx, however many tries that took.</summary>
/// <param name="Key">The request's Idempotency-Key; a follow-up's is also in its text.</param>
internal sealed record Outcome(string Phase, string Kind, string Key, string? IncidentId, bool Accepted, int Tries, DateTimeOffset At);

/// <summary>
/// Duty officers of three jurisdictions reporting incidents and following them up, each retrying
/// what got no answer or a 5xx under the same Idempotency-Key.
/// Yangcheng's reports are due upward 30 minutes after they happened, and are sent when 29½ have
/// passed, so their deadlines fall due while parts of the platform are down.
/// </summary>
internal sealed class SteadyLoad(GatewayClient gateway)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    private static readonly (string User, string Grade, string Category, string? Subcategory, TimeSpan OccurredAgo)[] Desks =
    [
        ("yangcheng.duty", "large", "data_security", "data_leak", TimeSpan.FromMinutes(29.5)),
        ("chengqu.duty", "general", "network_attack", "denial_of_service", TimeSpan.FromMinutes(5)),
        ("xinzhou_edz.duty", "large", "network_attack", null, TimeSpan.FromMinutes(5)),
    ];

    private readonly ConcurrentQueue<Outcome> outcomes = new();
    private readonly HttpClient http = new() { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public volatile string Phase = "steady";

    public IReadOnlyList<Outcome> Outcomes => [.. outcomes];

    public async Task LoginAsync()
    {
        foreach (var desk in Desks)
        {
            await gateway.TokenForAsync(desk.User);
        }
    }

    /// <summary>Two clients per desk until stopped; what is under way when stopped still finishes its tries.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Desks.Concat(Desks).Select(desk => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await ReportAndFollowUpAsync(desk);
            }
        })));

    public async Task FirstAcceptedAfterAsync(DateTimeOffset moment, CancellationToken ct)
    {
        while (!outcomes.Any(o => o.Accepted && o.At > moment))
        {
            await Task.Delay(100, ct);
        }
    }

    private async Task ReportAndFollowUpAsync((string User, string Grade, string Category, string? Subcategory, TimeSpan OccurredAgo) desk)
    {
        var phase = Phase;
        var key = Guid.NewGuid().ToString();
        var form = new Dictionary<string, object?>
        {
            ["grade"] = desk.Grade, ["category"] = desk.Category, ["subcategory"] = desk.Subcategory,
            ["occurredAt"] = DateTimeOffset.UtcNow - desk.OccurredAgo,
            ["reportingUnit"] = "指挥部办公室", ["occurringUnit"] = "人力资源和社会保障局", ["reporter"] = "张伟",
            ["description"] = $"故障演练中的报告 {key}",
        };
        var (reported, tries, body) = await SendWithRetriesAsync(desk.User, "api/incidents", form, key);
        var id = reported ? body.GetProperty("id").GetString() : null;
        outcomes.Enqueue(new Outcome(phase, "report", key, id, reported, tries, DateTimeOffset.UtcNow));
        if (id is null)
        {
            return;
        }

        var token = $"followup-{Guid.NewGuid():N}";
        var (followed, followTries, _) = await SendWithRetriesAsync(desk.User, $"api/incidents/{id}/followups",
            new { content = $"续报：已完成排查 {token}", kind = "progress" }, token);
        outcomes.Enqueue(new Outcome(phase, "follow-up", token, id, followed, followTries, DateTimeOffset.UtcNow));
    }

    private async Task<(bool Accepted, int Tries, JsonElement Body)> SendWithRetriesAsync(string user, string path, object body, string? idempotencyKey)
    {
        var giveUp = DateTimeOffset.UtcNow + GiveUpAfter;
        for (var tries = 1; ; tries++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.TokenForAsync(user));
                if (idempotencyKey is not null)
                {
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                }
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return (true, tries, await response.Content.ReadFromJsonAsync<JsonElement>());
                }
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    Console.Error.WriteLine($"  refused {(int)response.StatusCode} {path}: {await response.Content.ReadAsStringAsync()}");
                    return (false, tries, default);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // No answer: the request may or may not have been done, which is what retries must survive.
            }
            if (DateTimeOffset.UtcNow > giveUp)
            {
                return (false, tries, default);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
