using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Jurisdictions.Apis;

/// <summary>Moving a jurisdiction under another command and suspending it: platform administration, told to every service.</summary>
public static class ChainOfCommandApi
{
    public static void MapChainOfCommandApi(this RouteGroupBuilder jurisdictions)
    {
        jurisdictions.MapPut("{code}/parent", MoveAsync)
            .WithName("MoveJurisdiction")
            .WithSummary("Put a jurisdiction and its subtree under another active parent (platform-admin)")
            .RequireAuthorization(policy => policy.RequireRole(Roles.PlatformAdmin));
        jurisdictions.MapPut("{code}/status", SetStatusAsync)
            .WithName("SetJurisdictionStatus")
            .WithSummary("Suspend a jurisdiction (its users cannot log in) or reactivate it (platform-admin)")
            .RequireAuthorization(policy => policy.RequireRole(Roles.PlatformAdmin));
    }

    private static async Task<Results<Ok<Jurisdiction>, NotFound, ValidationProblem>> MoveAsync(
        string code, MoveRequest request, [AsParameters] JurisdictionServices s, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ParentCode))
        {
            return Problems.Validation(new FieldError("parentCode", "parent_required", "须指定新的上级辖区", "A new parent jurisdiction is required"));
        }
        return await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var moved = await s.Store.FindAsync(session, code);
            if (moved is null)
            {
                return (Results<Ok<Jurisdiction>, NotFound, ValidationProblem>)TypedResults.NotFound();
            }
            var errors = ChainOfCommandRules.CheckMove(moved, await s.Store.FindAsync(session, request.ParentCode));
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }
            var changed = await s.Store.MoveAsync(session, moved, (await s.Store.FindAsync(session, request.ParentCode))!);
            await AnnounceAsync(s, session, changed, "jurisdiction.move", code, request.Reason);
            return TypedResults.Ok(changed.Single(j => j.Code == code));
        }, ct);
    }

    private static async Task<Results<Ok<Jurisdiction>, NotFound, ValidationProblem>> SetStatusAsync(
        string code, StatusRequest request, [AsParameters] JurisdictionServices s, CancellationToken ct)
    {
        if (request.Status is not { } status)
        {
            return Problems.Validation(new FieldError("status", "status_required", "状态必填：active 或 suspended", "Status is required: active or suspended"));
        }
        return await s.Database.InTransactionAsync(s.Caller.Scope, async session =>
        {
            var current = await s.Store.FindAsync(session, code);
            if (current is null)
            {
                return (Results<Ok<Jurisdiction>, NotFound, ValidationProblem>)TypedResults.NotFound();
            }
            var changed = await s.Store.SetStatusAsync(session, code, status);
            if (changed is null)
            {
                return TypedResults.Ok(current);
            }
            await AnnounceAsync(s, session, [changed], status == JurisdictionStatus.Suspended ? "jurisdiction.suspend" : "jurisdiction.reactivate", code, request.Reason);
            return TypedResults.Ok(changed);
        }, ct);
    }

    private static async Task AnnounceAsync(JurisdictionServices s, DbSession session, IEnumerable<Jurisdiction> changed, string action, string code, string? reason)
    {
        foreach (var jurisdiction in changed)
        {
            await s.Directory.ApplyAsync(session, jurisdiction.ToState());
            await s.Outbox.EnqueueAsync(session, new JurisdictionChanged(jurisdiction.ToState())
            {
                OccurredAt = s.Time.GetUtcNow(), TenantCode = jurisdiction.Code, TenantPath = jurisdiction.Path,
            });
        }
        await s.Audit.AppendAsync(session, new AuditEntry(s.Time.GetUtcNow(), code, s.Caller.Actor, action, code, "success",
            CorrelationId.Current, System.Text.Json.JsonSerializer.Serialize(new { reason })));
    }
}
