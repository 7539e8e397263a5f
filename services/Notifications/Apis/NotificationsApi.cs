using System.Text.Json;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Notifications.Data;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fenghuo.Notifications.Apis;

public static class NotificationsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapTenantDirectoryApi("notifications");

        var inbox = app.MapGroup("api/notifications").WithTags("Notifications 通知").RequireAuthorization();
        inbox.MapGet("", ListAsync)
            .WithName("ListNotifications").WithSummary("The caller's own inbox, newest first; unread=true, requiresAcknowledgement=true, limit, offset");
        inbox.MapGet("unread-count", UnreadAsync)
            .WithName("CountUnreadNotifications").WithSummary("How many of the caller's items are unread");
        inbox.MapGet("stream", StreamAsync)
            .WithName("StreamNotifications").WithSummary("Server-Sent Events: each new item of the caller's as event 'notification', heartbeats between")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream");
        inbox.MapGet("{id:guid}", GetAsync)
            .WithName("GetNotification").WithSummary("One of the caller's items");
        inbox.MapPost("{id:guid}/read", ReadAsync)
            .WithName("ReadNotification").WithSummary("Mark one of the caller's items read");
        inbox.MapPost("{id:guid}/acknowledgement", AcknowledgeAsync)
            .WithName("AcknowledgeNotification").WithSummary("确认收到: acknowledges the item for the caller's whole tenant, which stops its escalation");
        inbox.MapWebhooksApi();
        inbox.MapDeliveriesApi();
        inbox.MapSettingsApi();
        return inbox;
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem>> ListAsync(
        [AsParameters] NotificationServices s, bool? unread, bool? requiresAcknowledgement, int? limit, int? offset, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new("limit", "out_of_range", $"limit 须在 1–{MaxLimit} 之间", $"limit must be between 1 and {MaxLimit}"));
        }
        if (offset is < 0)
        {
            errors.Add(new("offset", "out_of_range", "offset 不能为负数", "offset must not be negative"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var filter = new InboxFilter(unread ?? false, requiresAcknowledgement ?? false, limit ?? DefaultLimit, offset ?? 0);
        var items = await s.AsCallerAsync((session, me) => s.Store.ListAsync(session, me, filter), ct);
        return TypedResults.Ok(new NotificationPage(items.Select(NotificationView.Of).ToList(), filter.Limit, filter.Offset));
    }

    private static async Task<Ok<UnreadCount>> UnreadAsync([AsParameters] NotificationServices s, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await s.AsCallerAsync((session, me) => s.Store.UnreadCountAsync(session, me), ct)));

    private static async Task<Results<Ok<NotificationView>, NotFound>> GetAsync(Guid id, [AsParameters] NotificationServices s, CancellationToken ct)
    {
        var item = await s.AsCallerAsync((session, me) => s.Store.FindAsync(session, me, id), ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(NotificationView.Of(item));
    }

    private static Task<Results<Ok<NotificationView>, NotFound>> ReadAsync(Guid id, [AsParameters] NotificationServices s, CancellationToken ct) =>
        ChangeAsync(id, s, (session, me) => s.Store.MarkReadAsync(session, me, id, s.Time.GetUtcNow()), ct);

    private static Task<Results<Ok<NotificationView>, NotFound>> AcknowledgeAsync(Guid id, [AsParameters] NotificationServices s, CancellationToken ct) =>
        ChangeAsync(id, s, async (session, me) =>
        {
            await s.Store.AcknowledgeAsync(session, me, id, s.Time.GetUtcNow());
            await s.Store.MarkReadAsync(session, me, id, s.Time.GetUtcNow());
        }, ct);

    private static async Task<Results<Ok<NotificationView>, NotFound>> ChangeAsync(
        Guid id, NotificationServices s, Func<BuildingBlocks.Data.DbSession, string, Task> change, CancellationToken ct)
    {
        var item = await s.AsCallerAsync(async (session, me) =>
        {
            if (await s.Store.FindAsync(session, me, id) is null)
            {
                return null;
            }
            await change(session, me);
            return await s.Store.FindAsync(session, me, id);
        }, ct);
        return item is null ? TypedResults.NotFound() : TypedResults.Ok(NotificationView.Of(item));
    }

    /// <summary>
    /// text/event-stream, flushed per event: each new item as "notification" with its view, and a
    /// comment line as heartbeat. The subscription is open before the first heartbeat is written,
    /// so a client that has seen the stream open misses nothing committed after.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, [AsParameters] NotificationServices s, CancellationToken ct)
    {
        var me = s.Caller.Username ?? "";
        using var subscription = s.Stream.Subscribe(s.Caller.TenantCode ?? "", me);
        await s.Stream.Listening.Task.WaitAsync(ct);
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies not to buffer; YARP streams responses as they are written.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await http.Response.WriteAsync(": open\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        var heartbeat = TimeSpan.FromSeconds(s.Options.StreamHeartbeatSeconds);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(heartbeat);
                Guid id;
                try
                {
                    id = await subscription.Items.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    continue;
                }
                var item = await s.AsCallerAsync((session, user) => s.Store.FindAsync(session, user, id), ct);
                if (item is null)
                {
                    continue;
                }
                var data = JsonSerializer.Serialize(NotificationView.Of(item), FenghuoJson.Options);
                await http.Response.WriteAsync($"id: {item.Id}\nevent: notification\ndata: {data}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client closed the stream: the normal end of one.
        }
    }
}
