using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Oidc;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Identity.Apis;

/// <summary>
/// How far an admin caller reaches. The onboarding account (realm-onboarding) touches only users of
/// a jurisdiction being onboarded — one the tenant directory does not know yet — and grants only
/// tenant roles. A platform administrator's change that would let someone act inside an onboarded
/// jurisdiction is not applied but filed for a second administrator (see <see cref="AdminApprovalsApi"/>).
/// </summary>
public sealed class AdminScope(TenantDirectory directory, ApprovalStore approvals, IdentityAudit audit, TimeProvider time)
{
    public static bool IsOnboardingOnly(TenantContext caller) => caller.IsInRole(PlatformRoles.RealmOnboarding) && !caller.IsPlatformAdmin;

    /// <summary>A jurisdiction the directory knows: its users see its content.</summary>
    public async Task<bool> IsOnboardedAsync(string? tenant, CancellationToken ct) =>
        tenant is not null && await directory.FindAsync(tenant, ct) is not null;

    /// <summary>Whether the onboarding account may act on users of these tenants (all of them being onboarded).</summary>
    public async Task<bool> OnboardingMayTouchAsync(CancellationToken ct, params string?[] tenants)
    {
        foreach (var tenant in tenants)
        {
            if (tenant is null || await IsOnboardedAsync(tenant, ct))
            {
                return false;
            }
        }
        return true;
    }

    public static JsonHttpResult<KeycloakError> Forbidden(string reason) =>
        TypedResults.Json(new KeycloakError(reason), KeycloakJson.Options, statusCode: StatusCodes.Status403Forbidden);

    public static JsonHttpResult<KeycloakError> OutsideOnboarding { get; } =
        Forbidden("The onboarding account acts only on users of a jurisdiction being onboarded, with tenant roles.");

    public static JsonHttpResult<KeycloakError> OutsideServiceAccount { get; } =
        Forbidden("This service account may not call this endpoint: the onboarding account sets up users of a jurisdiction being onboarded, the directory account only reads users and their roles.");

    /// <summary>Files the change for a second administrator and answers 202 with where to approve it.</summary>
    public async Task<Accepted<PendingApproval>> DeferAsync(
        DbSession session, TenantContext caller, string actor, RealmUser user, ApprovalAction action, object payload, object auditDetails, RealmUrls urls)
    {
        var approval = new AdminApproval(Guid.CreateVersion7(), action, user.Id, JsonSerializer.Serialize(payload, KeycloakJson.Options),
            caller.UserId ?? actor, actor, time.GetUtcNow(), null, null);
        await approvals.AddAsync(session, approval);
        await audit.RecordAsync(session, actor, "identity.approval.request", user, IdentityAudit.Success,
            new { approval = approval.Id, action = approval.Action.ToString(), change = auditDetails });
        var location = urls.AdminApproval(approval.Id);
        return TypedResults.Accepted(location, new PendingApproval(approval.Id.ToString(), EnumLabel.Of(action), user.Id.ToString(), "pending", location));
    }
}

/// <summary>202 body: the change is filed and waits for a second platform administrator.</summary>
public sealed record PendingApproval(string Id, string Action, string UserId, string Status, string Approve);
