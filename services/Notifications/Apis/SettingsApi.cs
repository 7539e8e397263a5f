using System.Text.Json.Serialization;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Notifications.Apis;

/// <summary>
/// 通知设置: the caller's tenant's acknowledgement window and, per event, which roles of its users
/// are told. Everyone at the tenant reads them; its office director or commander changes them.
/// </summary>
public static class SettingsApi
{
    public const double MinWindowMinutes = 0.1;
    public const double MaxWindowMinutes = 1440;

    private static readonly string[] Tunable = [Roles.DutyOfficer, Roles.OfficeDirector, Roles.DeputyCommander, Roles.Commander];

    public static void MapSettingsApi(this RouteGroupBuilder notifications)
    {
        var settings = notifications.MapGroup("settings").WithTags("Notifications 通知");
        settings.MapGet("", GetAsync).WithName("GetNotificationSettings")
            .WithSummary("The tenant's acknowledgement window and who is told of each event (its own choice or the default)");
        settings.MapPut("", PutAsync).WithName("PutNotificationSettings")
            .WithSummary("Sets the window (minutes; null = default) and, per event, the roles told (omitted events = default); office director or commander");
    }

    private static async Task<Ok<SettingsView>> GetAsync(TenantContext caller, TenantDatabase database, TenantSettingsStore store, NotificationsOptions options, CancellationToken ct) =>
        TypedResults.Ok(SettingsView.Of(await database.InTransactionAsync(caller.Scope, s => store.GetAsync(s, caller.TenantCode ?? ""), ct), options));

    private static async Task<Results<Ok<SettingsView>, ValidationProblem, ProblemHttpResult>> PutAsync(
        SettingsChange change, TenantContext caller, TenantDatabase database, TenantSettingsStore store, NotificationsOptions options, TimeProvider time, CancellationToken ct)
    {
        if (!caller.IsInRole(Roles.OfficeDirector) && !caller.IsInRole(Roles.Commander))
        {
            return Problems.Forbidden("settings_manager_required", "只有本单位办公室主任或指挥长可以修改通知设置", "only the tenant's office director or commander changes notification settings");
        }
        var errors = new List<FieldError>();
        if (change.AcknowledgementWindowMinutes is < MinWindowMinutes or > MaxWindowMinutes)
        {
            errors.Add(new("acknowledgementWindowMinutes", "out_of_range", $"确认时限须在 {MinWindowMinutes}–{MaxWindowMinutes} 分钟之间",
                $"acknowledgementWindowMinutes must be between {MinWindowMinutes} and {MaxWindowMinutes}"));
        }
        foreach (var (eventName, roles) in change.Events ?? [])
        {
            if (!NotificationRules.DefaultRoles.ContainsKey(eventName))
            {
                errors.Add(new($"events.{eventName}", "unknown", $"未知的事件：{eventName}", $"unknown event '{eventName}'"));
            }
            else if (roles is null || roles.Length == 0)
            {
                errors.Add(new($"events.{eventName}", "required", "每种事件至少要通知一个角色", "each event needs at least one role told"));
            }
            else if (roles.FirstOrDefault(r => !Tunable.Contains(r)) is { } role)
            {
                errors.Add(new($"events.{eventName}", "unknown_role", $"不能通知角色 {role}（可选：{string.Join("、", Tunable)}）",
                    $"role '{role}' cannot be told (choose from {string.Join(", ", Tunable)})"));
            }
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var settings = new TenantSettings(
            change.AcknowledgementWindowMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            (change.Events ?? []).ToDictionary(e => e.Key, e => e.Value!.Distinct().ToArray()), null, null);
        var saved = await database.InTransactionAsync(caller.Scope, async s =>
        {
            await store.SaveAsync(s, caller.TenantCode!, caller.TenantPath!, settings, caller.Actor, time.GetUtcNow());
            return await store.GetAsync(s, caller.TenantCode!);
        }, ct);
        return TypedResults.Ok(SettingsView.Of(saved, options));
    }
}

/// <param name="AcknowledgementWindowMinutes">Null: the platform's default.</param>
/// <param name="Events">Per event the roles told; an event left out keeps the default.</param>
/// <remarks>A misspelt field is refused rather than read as "back to the defaults", which would silently undo the tenant's choices.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SettingsChange(double? AcknowledgementWindowMinutes, Dictionary<string, string[]?>? Events);

public sealed record EventRolesView(string Event, string[] Roles, bool Default);

public sealed record SettingsView(double AcknowledgementWindowMinutes, bool DefaultWindow, IReadOnlyList<EventRolesView> Events, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static SettingsView Of(TenantSettings s, NotificationsOptions options) => new(
        s.WindowOr(options.AcknowledgementWindow).TotalMinutes,
        s.AcknowledgementWindow is null,
        NotificationRules.DefaultRoles.Select(d => s.EventRoles.TryGetValue(d.Key, out var chosen)
            ? new EventRolesView(d.Key, chosen, false)
            : new EventRolesView(d.Key, d.Value, true)).ToList(),
        s.UpdatedAt,
        s.UpdatedBy);
}
