using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fenghuo.Identity.Apis;

/// <summary>Keycloak's admin REST API for realm roles and users' realm role mappings.</summary>
public static class AdminRolesApi
{
    public static RouteGroupBuilder MapAdminRolesApi(this RouteGroupBuilder admin)
    {
        var roles = admin.MapGroup("roles").WithTags("Admin: roles");
        roles.MapGet(string.Empty, ListAsync)
            .WithName("AdminListRoles")
            .WithSummary("The realm roles")
            .AllowOnboarding();
        roles.MapGet("{name}", GetAsync)
            .WithName("AdminGetRole")
            .WithSummary("One realm role by name");

        var mappings = admin.MapGroup("users/{id:guid}/role-mappings/realm").WithTags("Admin: roles");
        mappings.MapGet(string.Empty, ListMappingsAsync)
            .WithName("AdminListUserRealmRoles")
            .WithSummary("The realm roles granted to a user")
            .AllowDirectory();
        mappings.MapPost(string.Empty, AddMappingsAsync)
            .WithName("AdminAddUserRealmRoles")
            .WithSummary("Grant realm roles (RoleRepresentation[], by name or id). A platform admin granting a tenant role gets 202: a second admin approves it")
            .AllowOnboarding();
        mappings.MapDelete(string.Empty, RemoveMappingsAsync)
            .WithName("AdminRemoveUserRealmRoles")
            .WithSummary("Take realm roles away (RoleRepresentation[], by name or id)");
        return admin;
    }

    private static async Task<JsonHttpResult<List<RoleRepresentation>>> ListAsync([AsParameters] AdminServices services, CancellationToken ct)
    {
        var roles = await services.Database.InTransactionAsync(TenantScope.None, services.Roles.ListAsync, ct);
        return TypedResults.Json(roles.Select(r => Represent(r, services)).ToList(), KeycloakJson.Options);
    }

    private static async Task<Results<JsonHttpResult<RoleRepresentation>, NotFound<KeycloakError>>> GetAsync(
        string name, [AsParameters] AdminServices services, CancellationToken ct)
    {
        var role = await services.Database.InTransactionAsync(TenantScope.None, s => services.Roles.FindAsync(s, name), ct);
        return role is null ? TypedResults.NotFound(new KeycloakError("Could not find role")) : TypedResults.Json(Represent(role, services), KeycloakJson.Options);
    }

    private static async Task<Results<JsonHttpResult<List<RoleRepresentation>>, NotFound<KeycloakError>>> ListMappingsAsync(
        Guid id, [AsParameters] AdminServices services, CancellationToken ct) =>
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is null)
            {
                return (Results<JsonHttpResult<List<RoleRepresentation>>, NotFound<KeycloakError>>)TypedResults.NotFound(new KeycloakError("User not found"));
            }
            var roles = await services.Roles.ListAsync(session);
            return TypedResults.Json(roles.Where(r => user.Roles.Contains(r.Name)).Select(r => Represent(r, services)).ToList(), KeycloakJson.Options);
        }, ct);

    private static Task<Results<NoContent, Accepted<PendingApproval>, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>> AddMappingsAsync(
        Guid id, List<RoleRepresentation> body, [AsParameters] AdminServices services, CancellationToken ct) =>
        ChangeMappingsAsync(id, body, services, granting: true, ct);

    private static Task<Results<NoContent, Accepted<PendingApproval>, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>> RemoveMappingsAsync(
        Guid id, [FromBody] List<RoleRepresentation> body, [AsParameters] AdminServices services, CancellationToken ct) =>
        ChangeMappingsAsync(id, body, services, granting: false, ct);

    private static async Task<Results<NoContent, Accepted<PendingApproval>, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>> ChangeMappingsAsync(
        Guid id,
        List<RoleRepresentation> requested,
        AdminServices services,
        bool granting,
        CancellationToken ct) =>
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is null)
            {
                return (Results<NoContent, Accepted<PendingApproval>, NotFound<KeycloakError>, JsonHttpResult<KeycloakError>>)TypedResults.NotFound(new KeycloakError("User not found"));
            }
            var roles = await services.Roles.ListAsync(session);
            var chosen = requested.Select(r => roles.FirstOrDefault(role => role.Name == r.Name || role.Id.ToString() == r.Id)).ToList();
            if (chosen.Any(r => r is null))
            {
                return TypedResults.NotFound(new KeycloakError("Role not found"));
            }
            var names = chosen.Select(r => r!.Name).Distinct().ToArray();
            var ids = chosen.Select(r => r!.Id).Distinct().ToArray();
            if (granting && AdminScope.IsOnboardingOnly(services.Caller)
                && (!names.All(PlatformRoles.IsTenantRole) || !await services.Scope.OnboardingMayTouchAsync(ct, user.Tenant)))
            {
                return AdminScope.OutsideOnboarding;
            }
            // Tenant roles open a jurisdiction's content; platform-admin opens the power to approve. Only the
            // first administrator may appoint a second alone: before that, nobody could approve.
            if (granting && !AdminScope.IsOnboardingOnly(services.Caller)
                && (names.Any(PlatformRoles.IsTenantRole) || (names.Contains(Roles.PlatformAdmin) && await services.Approvals.AdministratorsAsync(session) > 1)))
            {
                return await services.Scope.DeferAsync(session, services.Caller, services.Actor, user, ApprovalAction.Roles,
                    new AdminApprovalsApi.RoleGrant(ids, names), new { roles = names }, services.Urls);
            }
            await (granting ? services.Users.AddRolesAsync(session, id, ids) : services.Users.RemoveRolesAsync(session, id, ids));
            await services.Audit.RecordAsync(session, services.Actor, granting ? "identity.user.roles.grant" : "identity.user.roles.revoke",
                user, IdentityAudit.Success, new { roles = names });
            return TypedResults.NoContent();
        }, ct);

    private static RoleRepresentation Represent(RealmRole role, AdminServices services) => new()
    {
        Id = role.Id.ToString(),
        Name = role.Name,
        Description = role.Description,
        Composite = false,
        ClientRole = false,
        ContainerId = services.Urls.Realm,
    };
}
