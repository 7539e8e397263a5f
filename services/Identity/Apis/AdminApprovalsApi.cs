using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Identity.Apis;

/// <summary>
/// The four-eyes rule for platform administrators (not part of Keycloak's API): the changes
/// <see cref="AdminScope"/> defers are listed here and take effect only when a different
/// administrator approves them. Both the request and the approval are in the audit trail.
/// </summary>
public static class AdminApprovalsApi
{
    public static RouteGroupBuilder MapAdminApprovalsApi(this RouteGroupBuilder admin)
    {
        var approvals = admin.MapGroup("approvals").WithTags("Admin: approvals");
        approvals.MapGet(string.Empty, PendingAsync)
            .WithName("AdminPendingApprovals")
            .WithSummary("Changes waiting for a second platform administrator");
        approvals.MapPost("{id:guid}", ApproveAsync)
            .WithName("AdminApprove")
            .WithSummary("Approve and apply a change another administrator requested; 403 for one's own");
        return admin;
    }

    private static async Task<JsonHttpResult<List<PendingChange>>> PendingAsync([AsParameters] AdminServices services, CancellationToken ct)
    {
        var pending = await services.Database.InTransactionAsync(TenantScope.None, services.Approvals.PendingAsync, ct);
        return TypedResults.Json(pending.Select(a => new PendingChange(a.Id.ToString(), EnumLabel.Of(a.Action), a.UserId.ToString(),
            a.RequestedByName, a.RequestedAt, a.Action == ApprovalAction.Password ? null : JsonDocument.Parse(a.Payload).RootElement)).ToList(), KeycloakJson.Options);
    }

    private static async Task<Results<NoContent, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>> ApproveAsync(
        Guid id, [AsParameters] AdminServices services, CancellationToken ct) =>
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var approval = await services.Approvals.LockAsync(session, id);
            var user = approval is null ? null : await services.Users.FindAsync(session, approval.UserId);
            if (approval is not { IsPending: true } || user is null)
            {
                return (Results<NoContent, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>)TypedResults.NotFound(new KeycloakError("Approval not found"));
            }
            var approver = services.Caller.UserId ?? services.Actor;
            if (approver == approval.RequestedBy)
            {
                return AdminScope.Forbidden("A change needs the approval of another platform administrator.");
            }
            await ApplyAsync(session, approval, user, services);
            await services.Approvals.ApproveAsync(session, id, approver, services.Actor, services.Time.GetUtcNow());
            await services.Audit.RecordAsync(session, services.Actor, "identity.approval.approve", user, IdentityAudit.Success,
                new { approval = id, action = approval.Action.ToString(), requestedBy = approval.RequestedByName });
            return TypedResults.NoContent();
        }, ct);

    private static async Task ApplyAsync(DbSession session, AdminApproval approval, RealmUser user, AdminServices services)
    {
        switch (approval.Action)
        {
            case ApprovalAction.Roles:
                var roles = JsonSerializer.Deserialize<RoleGrant>(approval.Payload, KeycloakJson.Options)!;
                await services.Users.AddRolesAsync(session, user.Id, roles.RoleIds);
                break;
            case ApprovalAction.Tenant:
                var changes = JsonSerializer.Deserialize<UserRepresentation>(approval.Payload, KeycloakJson.Options)!;
                await services.Users.UpdateAsync(session, UserMapping.WithChanges(user, changes));
                break;
            case ApprovalAction.Password:
                var password = JsonSerializer.Deserialize<PasswordSet>(approval.Payload, KeycloakJson.Options)!;
                await services.Passwords.ApplyHashAsync(session, user, password.Hash, password.Temporary);
                break;
        }
    }

    /// <summary>A pending change as listed; a password change shows no payload (it holds the new hash).</summary>
    public sealed record PendingChange(string Id, string Action, string UserId, string RequestedBy, DateTimeOffset RequestedAt, JsonElement? Change);

    public sealed record RoleGrant(Guid[] RoleIds, string[] Roles);

    public sealed record PasswordSet(string Hash, bool Temporary);
}
