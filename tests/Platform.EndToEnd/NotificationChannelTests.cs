using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fenghuo.Notifications.Tests;
using Fenghuo.Testing;
using static Fenghuo.Platform.EndToEnd.IncidentDesk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Issue 13's channels through the gateway: an escalation reaches a webhook Jincheng registered,
/// signed, after a 500; an unacknowledged inquiry goes to the office director after the tenant's
/// shortened window; the e-mail with the incident number reaches the platform's SMTP server (smtp4dev).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationChannelTests(PlatformFixture fixture)
{
    private IncidentDesk Desk { get; } = new(fixture.Gateway);

    [Fact]
    public async Task An_escalation_reaches_jinchengs_loopback_webhook_signed_after_a_500_and_its_mail_arrives_with_the_incident_number()
    {
        await KnowsTheTenantsAsync();
        await using var target = new WebhookReceiver(HttpStatusCode.InternalServerError);
        var registered = await Desk.SendAsync(HttpMethod.Post, "api/notifications/webhooks", "jincheng.director",
            new { url = target.Url.ToString(), events = new[] { "IncidentEscalated" }, description = "市网信办值班系统" });
        Assert.True(registered.Status == HttpStatusCode.Created, $"register: {registered}");
        var webhookId = registered.Body.GetProperty("id").GetString()!;
        var secret = registered.Body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        var shown = await Desk.SendAsync(HttpMethod.Get, $"api/notifications/webhooks/{webhookId}", "jincheng.duty");
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.False(shown.Body.TryGetProperty("secret", out _), "the secret is shown once, at registration");

        try
        {
            var id = Id(await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(5))));
            await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
            var incident = await Desk.ActAsync(id, "response", "yangcheng.commander", new { level = "I" });
            var number = incident.GetProperty("number").GetString()!;

            var calls = await Eventually.Value(() => Task.FromResult(target.Received), r => r.Count(c => c.Body.Contains(id)) >= 2,
                "the webhook is called, answers 500, and is called again");
            var about = calls.Where(c => c.Body.Contains(id)).ToList();
            Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.OK], about.Take(2).Select(c => c.Answered));
            Assert.Equal(about[0].Id, about[1].Id);
            Assert.True(about[1].IsSignedWith(secret), "the StandardWebhooks library accepts the signature");
            var data = JsonDocument.Parse(about[1].Body).RootElement.GetProperty("data");
            Assert.Equal(number, data.GetProperty("subjectNumber").GetString());
            Assert.Equal($"/api/incidents/{id}", data.GetProperty("link").GetString());

            var attempts = await Eventually.Value(() => Desk.SendAsync(HttpMethod.Get, $"api/notifications/deliveries?channel=webhook&webhookId={webhookId}", "jincheng.director"),
                r => r.Body.GetProperty("items").GetArrayLength() >= 2, "the delivery log shows both attempts");
            Assert.Equal(["delivered", "failed"], attempts.Body.GetProperty("items").EnumerateArray().Take(2).Select(a => a.GetProperty("outcome").GetString()));

            using var smtp4dev = new HttpClient { BaseAddress = fixture.Platform.EndpointOf("smtp4dev") };
            var mail = await Eventually.Value(async () => (await smtp4dev.GetFromJsonAsync<JsonElement>("api/messages?pageSize=500")).GetProperty("results").EnumerateArray()
                    .FirstOrDefault(m => m.GetProperty("subject").GetString()!.Contains(number)
                        && m.GetProperty("to").EnumerateArray().Any(t => t.GetString() == "jincheng.duty@fenghuo.example")),
                m => m.ValueKind == JsonValueKind.Object, "jincheng.duty's e-mail about the incident reaches smtp4dev");
            Assert.Contains(number, mail.GetProperty("subject").GetString());
            Assert.DoesNotContain((await smtp4dev.GetFromJsonAsync<JsonElement>("api/messages?pageSize=500")).GetProperty("results").EnumerateArray(),
                m => m.GetProperty("subject").GetString()!.Contains(number) && m.GetProperty("to").EnumerateArray().Any(t => t.GetString()!.StartsWith("chengqu.")));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Desk.SendAsync(HttpMethod.Delete, $"api/notifications/webhooks/{webhookId}", "jincheng.director")).Status);
        }
    }

    [Fact]
    public async Task The_delivery_log_is_read_by_the_tenants_duty_desk_and_command_only_and_shows_no_other_tenants_attempts()
    {
        await KnowsTheTenantsAsync();
        var id = Id(await Desk.ReportAsync("yangcheng.duty", Form("large", "data_security", "data_leak", MinutesAgo(5))));
        await Desk.ActAsync(id, "assessment", "yangcheng.duty", new { outcome = "confirmed", grade = "large", capacityExceeded = false });
        var number = (await Desk.ActAsync(id, "response", "yangcheng.commander", new { level = "I" })).GetProperty("number").GetString()!;

        // Level I told Jincheng: its duty desk sees the inbox deliveries; the county that sent it up sees none of Jincheng's.
        var atJincheng = await Eventually.Value(() => Desk.SendAsync(HttpMethod.Get, "api/notifications/deliveries?channel=inbox&event=IncidentEscalated&limit=200", "jincheng.duty"),
            r => r.Status == HttpStatusCode.OK && Numbers(r).Contains(number), "jincheng.duty sees the escalation's inbox deliveries");
        Assert.All(atJincheng.Body.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("subjectNumber").GetString() == number),
            a => Assert.StartsWith("jincheng.", a.GetProperty("recipient").GetString()));
        foreach (var reader in new[] { "jincheng.director", "jincheng.deputy", "jincheng.commander" })
        {
            var read = await Desk.SendAsync(HttpMethod.Get, "api/notifications/deliveries?channel=inbox&event=IncidentEscalated&limit=200", reader);
            Assert.True(read.Status == HttpStatusCode.OK && Numbers(read).Contains(number), $"{reader}: {read.Status}");
        }
        foreach (var outsider in new[] { "jincheng.reporter", "jincheng.reviewer", "jincheng.analyst", "admin" })
        {
            var refused = await Desk.SendAsync(HttpMethod.Get, "api/notifications/deliveries", outsider);
            Assert.True(refused.Status == HttpStatusCode.Forbidden, $"{outsider}: {refused}");
        }
        var county = await Desk.SendAsync(HttpMethod.Get, "api/notifications/deliveries?limit=200", "yangcheng.duty");
        Assert.Equal(HttpStatusCode.OK, county.Status);
        Assert.DoesNotContain(county.Body.GetProperty("items").EnumerateArray(), a => a.GetProperty("recipient").GetString()!.StartsWith("jincheng."));
        var sibling = await Desk.SendAsync(HttpMethod.Get, "api/notifications/deliveries?limit=200", "chengqu.duty");
        Assert.DoesNotContain(number, Numbers(sibling));

        static string?[] Numbers(Reply reply) =>
            reply.Body.TryGetProperty("items", out var items) ? items.EnumerateArray().Select(a => a.GetProperty("subjectNumber").GetString()).ToArray() : [];
    }

    [Fact]
    public async Task Webhook_registration_refuses_internal_targets_and_bad_input_field_by_field_and_registers_nothing()
    {
        var before = (await Desk.SendAsync(HttpMethod.Get, "api/notifications/webhooks", "chengqu.director")).Body.GetArrayLength();
        var refused = await Desk.SendAsync(HttpMethod.Post, "api/notifications/webhooks", "chengqu.director",
            new { url = "http://169.254.169.254/latest/meta-data", events = new[] { "NoSuchEvent" }, description = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var errors = refused.Body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _), refused.ToString());
        Assert.True(errors.TryGetProperty("events", out _), refused.ToString());
        var scheme = await Desk.SendAsync(HttpMethod.Post, "api/notifications/webhooks", "chengqu.director",
            new { url = "file:///etc/passwd", events = new[] { "*" } });
        Assert.Equal(HttpStatusCode.BadRequest, scheme.Status);
        var duty = await Desk.SendAsync(HttpMethod.Post, "api/notifications/webhooks", "chengqu.duty",
            new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } });
        Assert.Equal(HttpStatusCode.Forbidden, duty.Status);
        Assert.Equal(before, (await Desk.SendAsync(HttpMethod.Get, "api/notifications/webhooks", "chengqu.director")).Body.GetArrayLength());
    }

    [Fact]
    public async Task An_inquiry_nobody_at_yangcheng_acknowledges_goes_to_its_office_director_after_yangchengs_shortened_window()
    {
        await KnowsTheTenantsAsync();
        var set = await Desk.SendAsync(HttpMethod.Put, "api/notifications/settings", "yangcheng.director", new { acknowledgementWindowMinutes = 0.1 });
        Assert.True(set.Status == HttpStatusCode.OK, $"settings: {set}");
        Assert.Equal(HttpStatusCode.Forbidden, (await Desk.SendAsync(HttpMethod.Put, "api/notifications/settings", "yangcheng.duty", new { acknowledgementWindowMinutes = 60 })).Status);
        var bad = await Desk.SendAsync(HttpMethod.Put, "api/notifications/settings", "yangcheng.director", new { acknowledgementWindowMinutes = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        try
        {
            var (id, _) = await Desk.EscalatedYangchengIncidentAsync();
            var asked = await Eventually.Value(() => ItemAboutAsync("yangcheng.duty", id, "InquirySent"), i => i is not null, "yangcheng.duty is asked");
            Assert.True(asked!.Value.GetProperty("requiresAcknowledgement").GetBoolean());

            var escalated = await Eventually.Value(() => ItemAboutAsync("yangcheng.director", id, "InquirySent"), i => i is not null,
                "yangcheng's office director gets the unacknowledged inquiry after the window");
            Assert.Null(escalated!.Value.GetProperty("acknowledgedAt").GetString());
        }
        finally
        {
            var restored = await Desk.SendAsync(HttpMethod.Put, "api/notifications/settings", "yangcheng.director", new { acknowledgementWindowMinutes = (double?)null });
            Assert.Equal(HttpStatusCode.OK, restored.Status);
        }
    }

    private async Task<JsonElement?> ItemAboutAsync(string username, string subjectId, string eventType)
    {
        var reply = await Desk.SendAsync(HttpMethod.Get, "api/notifications?limit=200", username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET api/notifications as {username}: {reply}");
        return reply.Body.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
            .FirstOrDefault(i => i!.Value.GetProperty("subjectId").GetString() == subjectId && i.Value.GetProperty("event").GetString() == eventType);
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
}
