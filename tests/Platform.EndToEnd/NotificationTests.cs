using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fenghuo.Testing;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Issue 13's headline through the gateway: Yangcheng's commander starts level I on a confirmed
/// 较大 incident; Jincheng's duty officer finds an item requiring acknowledgement in the inbox and
/// on a stream opened beforehand; Chengqu's duty officer is told nothing about it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationTests(PlatformFixture fixture)
{
    private IncidentDesk Desk { get; } = new(fixture.Gateway);

    [Fact]
    public async Task Level_I_in_yangcheng_reaches_jincheng_duty_in_inbox_and_stream_and_nobody_in_chengqu()
    {
        await KnowsTheTenantsAsync();
        using var stream = await OpenStreamAsync("jincheng.duty");

        var id = Id(await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(5))));
        await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        await Desk.ActAsync(id, "response", "yangcheng.commander", new { level = "I" });

        var item = await Eventually.Value(() => ItemAboutAsync("jincheng.duty", id), i => i is not null, "jincheng.duty's inbox holds the escalation");
        Assert.True(item!.Value.GetProperty("requiresAcknowledgement").GetBoolean());
        Assert.Equal($"/api/incidents/{id}", item.Value.GetProperty("link").GetString());
        Assert.Contains("阳城", item.Value.GetProperty("title").GetString());

        var pushed = await stream.NextAboutAsync(id);
        Assert.Equal(item.Value.GetProperty("id").GetString(), pushed.GetProperty("id").GetString());

        var unread = await Desk.SendAsync(HttpMethod.Get, "api/notifications/unread-count", "jincheng.duty");
        Assert.InRange(unread.Body.GetProperty("unread").GetInt64(), 1, long.MaxValue);
        var itemId = item.Value.GetProperty("id").GetString();

        // Chengqu's duty officer neither has an item about it nor can touch Jincheng's.
        Assert.Null(await ItemAboutAsync("chengqu.duty", id));
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Get, $"api/notifications/{itemId}", "chengqu.duty")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Post, $"api/notifications/{itemId}/read", "chengqu.duty")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Post, $"api/notifications/{itemId}/acknowledgement", "chengqu.duty")).Status);
        // Nor can another user of the same tenant act on an item that is not theirs.
        Assert.Equal(HttpStatusCode.NotFound, (await Desk.SendAsync(HttpMethod.Post, $"api/notifications/{itemId}/read", "jincheng.analyst")).Status);

        // The director acknowledges their own item; the duty officer's item is acknowledged with it.
        var directors = await Eventually.Value(() => ItemAboutAsync("jincheng.director", id), i => i is not null, "jincheng.director is told too");
        var acknowledged = await Desk.SendAsync(HttpMethod.Post, $"api/notifications/{directors!.Value.GetProperty("id").GetString()}/acknowledgement", "jincheng.director");
        Assert.Equal(HttpStatusCode.OK, acknowledged.Status);
        var after = await Desk.SendAsync(HttpMethod.Get, $"api/notifications/{itemId}", "jincheng.duty");
        Assert.Equal("jincheng.director", after.Body.GetProperty("acknowledgedBy").GetString());
        Assert.False(after.Body.GetProperty("read").GetBoolean());
        var awaiting = await Desk.SendAsync(HttpMethod.Get, "api/notifications?requiresAcknowledgement=true", "jincheng.duty");
        Assert.DoesNotContain(awaiting.Body.GetProperty("items").EnumerateArray(), i => i.GetProperty("subjectId").GetString() == id);

        var read = await Desk.SendAsync(HttpMethod.Post, $"api/notifications/{itemId}/read", "jincheng.duty");
        Assert.True(read.Body.GetProperty("read").GetBoolean());
        var badLimit = await Desk.SendAsync(HttpMethod.Get, "api/notifications?limit=0", "jincheng.duty");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.Status);
    }

    [Fact]
    public async Task A_stream_carries_only_the_callers_own_items()
    {
        await KnowsTheTenantsAsync();
        using var chengqu = await OpenStreamAsync("chengqu.duty");

        var yangcheng = Id(await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(5))));
        await Desk.ActAsync(yangcheng, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        await Desk.ActAsync(yangcheng, "response", "yangcheng.commander", new { level = "I" });
        await Eventually.Value(() => ItemAboutAsync("jincheng.duty", yangcheng), i => i is not null, "jincheng.duty's inbox holds the escalation");

        // Then an item that is Chengqu's: the city asks about a report Chengqu sent up. Had the stream
        // carried Yangcheng's escalation, that would have come first.
        var own = Id(await Desk.ReportAsync("chengqu.duty", Form("general", "network_attack", "denial_of_service", MinutesAgo(5))));
        await Desk.ActAsync(own, "escalations", "chengqu.duty", new { kind = "report", reason = "按预案向市网信办报告" });
        await Desk.ActAsync(own, "inquiries", "jincheng.duty", new { question = "请核实受影响的系统。" });

        var first = await chengqu.NextAsync();
        Assert.Equal(own, first.GetProperty("subjectId").GetString());
    }

    // Right after start-up the service may not have the tenant tree yet, and refuses callers it does not know.
    private async Task KnowsTheTenantsAsync()
    {
        foreach (var tenant in new[] { "jincheng", "yangcheng", "chengqu" })
        {
            await Eventually.Until(async () => (await Desk.SendAsync(HttpMethod.Get, $"api/notifications/directory/{tenant}", "admin")).Status == HttpStatusCode.OK,
                $"notifications knows {tenant}");
        }
    }

    private async Task<JsonElement?> ItemAboutAsync(string username, string incidentId)
    {
        var reply = await Desk.SendAsync(HttpMethod.Get, "api/notifications", username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET api/notifications as {username}: {reply}");
        return reply.Body.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(i => i!.Value.GetProperty("subjectId").GetString() == incidentId);
    }

    private async Task<EventStream> OpenStreamAsync(string username)
    {
        var http = new HttpClient { BaseAddress = fixture.Gateway.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/notifications/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.Gateway.TokenForAsync(username));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"stream as {username}: {(int)response.StatusCode} {(response.StatusCode == HttpStatusCode.OK ? "" : await response.Content.ReadAsStringAsync())}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The service writes ": open" once it is subscribed: from here on nothing is missed.
        Assert.Equal(": open", await reader.ReadLineAsync());
        return new EventStream(http, response, reader);
    }

    private sealed class EventStream(HttpClient http, HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        /// <summary>Reads events until one is about the incident; a stream that never carries it fails the test by its timeout.</summary>
        public async Task<JsonElement> NextAboutAsync(string incidentId)
        {
            while (true)
            {
                var data = await NextAsync();
                if (data.GetProperty("subjectId").GetString() == incidentId)
                {
                    return data;
                }
            }
        }

        /// <summary>The next item the stream carries, heartbeats skipped.</summary>
        public async Task<JsonElement> NextAsync()
        {
            using var giveUp = new CancellationTokenSource(Eventually.DefaultWithin);
            while (true)
            {
                var line = await reader.ReadLineAsync(giveUp.Token) ?? throw new Xunit.Sdk.XunitException("the stream ended");
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                }
            }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
            http.Dispose();
        }
    }
}
