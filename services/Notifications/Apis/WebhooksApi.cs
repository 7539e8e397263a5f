using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Notifications.Domain;
using Fenghuo.Notifications.Webhooks;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Notifications.Apis;

/// <summary>
/// 回调地址: a tenant's webhooks. Any user of the tenant sees them; its office director or
/// commander registers, enables, disables and deletes them. The secret is shown once, at registration.
/// </summary>
public static class WebhooksApi
{
    public const int MaxDescription = 200;
    public const int MaxUrl = 2000;

    public static void MapWebhooksApi(this RouteGroupBuilder notifications)
    {
        var webhooks = notifications.MapGroup("webhooks").WithTags("Webhooks 回调地址");
        webhooks.MapPost("", RegisterAsync)
            .WithName("RegisterWebhook").WithSummary("Registers {url, events, description}; the answer carries the signing secret (whsec_…), shown this once");
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks").WithSummary("The tenant's webhooks");
        webhooks.MapGet("{webhookId:guid}", GetAsync).WithName("GetWebhook").WithSummary("One of the tenant's webhooks");
        webhooks.MapPost("{webhookId:guid}/enable", EnableAsync).WithName("EnableWebhook").WithSummary("Enables it again (after it was disabled by hand or for failing)");
        webhooks.MapPost("{webhookId:guid}/disable", DisableAsync).WithName("DisableWebhook").WithSummary("Stops deliveries to it; pending ones are given up");
        webhooks.MapDelete("{webhookId:guid}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Removes it; its delivery log stays");
    }

    private static async Task<Results<Created<RegisteredWebhook>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        WebhookRegistration registration, [AsParameters] WebhookServices s, CancellationToken ct)
    {
        if (Forbidden(s.Caller) is { } forbidden)
        {
            return forbidden;
        }
        var errors = new List<FieldError>();
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(registration.Url))
        {
            errors.Add(new("url", "required", "请填写回调地址", "url is required"));
        }
        else if (registration.Url.Length > MaxUrl || !Uri.TryCreate(registration.Url, UriKind.Absolute, out url))
        {
            errors.Add(new("url", "invalid", "回调地址不是有效的绝对 URL", "url is not a valid absolute URL"));
        }
        else if (await s.Targets.RefusalAsync(url, ct) is var (zh, en))
        {
            errors.Add(new("url", "not_allowed", zh, en));
        }
        var events = registration.Events ?? [];
        if (events.Length == 0)
        {
            errors.Add(new("events", "required", "请至少选择一种事件（或 \"*\" 表示全部）", "events needs at least one event (or \"*\" for all)"));
        }
        foreach (var unknown in events.Where(e => e != Webhook.AllEvents && !NotificationRules.Events.Contains(e)).Distinct())
        {
            errors.Add(new("events", "unknown", $"未知的事件：{unknown}（可选：{string.Join("、", NotificationRules.Events)}）",
                $"unknown event '{unknown}' (known: {string.Join(", ", NotificationRules.Events)})"));
        }
        if (registration.Description is { Length: > MaxDescription })
        {
            errors.Add(new("description", "too_long", $"说明不能超过 {MaxDescription} 个字符", $"description must be at most {MaxDescription} characters"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var id = Guid.CreateVersion7();
        var secret = WebhookSecret.New();
        var webhook = await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            await s.Store.AddAsync(session, id, url!, events.Distinct().ToList(), registration.Description ?? "", secret, s.Caller.Actor, s.Time.GetUtcNow());
            return await s.Store.FindAsync(session, id);
        }, ct);
        return TypedResults.Created($"/api/notifications/webhooks/{id}", RegisteredWebhook.Of(webhook!, secret));
    }

    private static async Task<Ok<WebhookView[]>> ListAsync([AsParameters] WebhookServices s, CancellationToken ct) =>
        TypedResults.Ok((await s.Database.InTransactionAsync(s.Caller.Scope, s.Store.ListAsync, ct)).Select(WebhookView.Of).ToArray());

    private static async Task<Results<Ok<WebhookView>, NotFound>> GetAsync(Guid webhookId, [AsParameters] WebhookServices s, CancellationToken ct) =>
        await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.FindAsync(session, webhookId), ct) is { } webhook
            ? TypedResults.Ok(WebhookView.Of(webhook))
            : TypedResults.NotFound();

    private static Task<Results<Ok<WebhookView>, NotFound, ProblemHttpResult>> EnableAsync(Guid webhookId, [AsParameters] WebhookServices s, CancellationToken ct) =>
        SetEnabledAsync(webhookId, true, s, ct);

    private static Task<Results<Ok<WebhookView>, NotFound, ProblemHttpResult>> DisableAsync(Guid webhookId, [AsParameters] WebhookServices s, CancellationToken ct) =>
        SetEnabledAsync(webhookId, false, s, ct);

    private static async Task<Results<Ok<WebhookView>, NotFound, ProblemHttpResult>> SetEnabledAsync(Guid webhookId, bool enabled, WebhookServices s, CancellationToken ct)
    {
        if (await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.FindAsync(session, webhookId), ct) is null)
        {
            return TypedResults.NotFound();
        }
        if (Forbidden(s.Caller) is { } forbidden)
        {
            return forbidden;
        }
        var webhook = await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            await s.Store.SetEnabledAsync(session, session.Scope.Code, webhookId, enabled, enabled ? null : $"由 {s.Caller.Actor} 停用", s.Time.GetUtcNow());
            return await s.Store.FindAsync(session, webhookId);
        }, ct);
        return webhook is null ? TypedResults.NotFound() : TypedResults.Ok(WebhookView.Of(webhook));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid webhookId, [AsParameters] WebhookServices s, CancellationToken ct)
    {
        if (await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.FindAsync(session, webhookId), ct) is null)
        {
            return TypedResults.NotFound();
        }
        if (Forbidden(s.Caller) is { } forbidden)
        {
            return forbidden;
        }
        return await s.Database.InTransactionAsync(s.Caller.Scope, session => s.Store.DeleteAsync(session, webhookId, s.Time.GetUtcNow()), ct)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    /// <summary>Webhooks are the tenant's: its office director or commander manages them.</summary>
    private static ProblemHttpResult? Forbidden(TenantContext caller) =>
        caller.IsInRole(Roles.OfficeDirector) || caller.IsInRole(Roles.Commander)
            ? null
            : Problems.Forbidden("webhook_manager_required", "只有本单位办公室主任或指挥长可以管理回调地址", "only the tenant's office director or commander manages webhooks");
}

public sealed record WebhookRegistration(string? Url, string[]? Events, string? Description);

public sealed record WebhookView(Guid Id, string Url, string[] Events, string Description, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public static WebhookView Of(Webhook w) => new(w.Id, w.Url, w.Events, w.Description, w.Enabled, w.CreatedAt, w.CreatedBy, w.DisabledAt, w.DisabledReason);
}

/// <summary>The registration's answer: the webhook and, this once, its signing secret.</summary>
public sealed record RegisteredWebhook(Guid Id, string Url, string[] Events, string Description, bool Enabled, DateTimeOffset CreatedAt, string Secret)
{
    public static RegisteredWebhook Of(Webhook w, string secret) => new(w.Id, w.Url, w.Events, w.Description, w.Enabled, w.CreatedAt, secret);
}

public sealed class WebhookServices(TenantContext caller, TenantDatabase database, WebhookStore store, WebhookTargets targets, TimeProvider time)
{
    public TenantContext Caller => caller;

    public TenantDatabase Database => database;

    public WebhookStore Store => store;

    public WebhookTargets Targets => targets;

    public TimeProvider Time => time;
}
