using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Notifications.Data;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Notifications.Apis;

/// <summary>
/// 投递记录: every attempt to tell someone at the caller's tenant, by inbox, e-mail or webhook, with its outcome.
/// It names recipients, their addresses and the webhooks' URLs, so only the tenant's duty desk reads it: the
/// duty officers and the office director and command above them, who are the ones told and who check that
/// an alarm reached whom. Reporters, reviewers and analysts do not.
/// </summary>
public static class DeliveriesApi
{
    private static readonly string[] Readers = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static void MapDeliveriesApi(this RouteGroupBuilder notifications) =>
        notifications.MapGet("deliveries", ListAsync).WithTags("Notifications 通知")
            .WithName("ListDeliveries")
            .WithSummary("The tenant's delivery attempts, newest first; channel (inbox/email/webhook), outcome (delivered/failed/abandoned), event, notificationId, webhookId, limit, offset");

    private static async Task<Results<Ok<DeliveryPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? channel, string? outcome, string? @event, Guid? notificationId, Guid? webhookId, int? limit, int? offset,
        TenantContext caller, TenantDatabase database, DeliveryLog log, CancellationToken ct)
    {
        if (!caller.HasTenant || !Readers.Any(caller.IsInRole))
        {
            return Problems.Forbidden("delivery_log_reader_required", "只有本单位值班员、办公室主任、副指挥长或指挥长可以查看投递记录",
                "only the tenant's duty officers, office director, deputy commander or commander read the delivery log");
        }
        var errors = new List<FieldError>();
        if (channel is not null && !EnumLabel.TryParse<DeliveryChannel>(channel, out _))
        {
            errors.Add(new("channel", "unknown", "channel 只能是 inbox、email 或 webhook", "channel must be inbox, email or webhook"));
        }
        if (outcome is not null && !EnumLabel.TryParse<DeliveryOutcome>(outcome, out _))
        {
            errors.Add(new("outcome", "unknown", "outcome 只能是 delivered、failed 或 abandoned", "outcome must be delivered, failed or abandoned"));
        }
        if (limit is < 1 or > NotificationsApi.MaxLimit)
        {
            errors.Add(new("limit", "out_of_range", $"limit 须在 1–{NotificationsApi.MaxLimit} 之间", $"limit must be between 1 and {NotificationsApi.MaxLimit}"));
        }
        if (offset is < 0)
        {
            errors.Add(new("offset", "out_of_range", "offset 不能为负数", "offset must not be negative"));
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var filter = new DeliveryFilter(channel, outcome, @event, notificationId, webhookId, limit ?? NotificationsApi.DefaultLimit, offset ?? 0);
        var attempts = await database.InTransactionAsync(caller.Scope, session => log.ListAsync(session, filter), ct);
        return TypedResults.Ok(new DeliveryPage(attempts, filter.Limit, filter.Offset));
    }
}

public sealed record DeliveryPage(IReadOnlyList<DeliveryAttempt> Items, int Limit, int Offset);
