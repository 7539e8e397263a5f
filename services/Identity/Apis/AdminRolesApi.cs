using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
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
            .WithSummary("The realm roles");
        roles.MapGet("{name}", GetAsync)
            .WithName("AdminGetRole")
            .WithSummary("One realm role by name");

        var mappings = admin.MapGroup("users/{id:guid}/role-mappings/realm").WithTags("Admin: roles");
        mappings.MapGet(string.Empty, ListMappingsAsync)
            .WithName("AdminListUserRealmRoles")
            .WithSummary("The realm roles granted to a user");
        mappings.MapPost(string.Empty, AddMappingsAsync)
            .WithName("AdminAddUserRealmRoles")
            .WithSummary("Grant realm roles (RoleRepresentation[], by name or id)");
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

    private static Task<Results<NoContent, NotFound<KeycloakError>>> AddMappingsAsync(
        Guid id, List<RoleRepresentation> body, [AsParameters] AdminServices services, CancellationToken ct) =>
        ChangeMappingsAsync(id, body, services, "identity.user.roles.grant", services.Users.AddRolesAsync, ct);

    private static Task<Results<NoContent, NotFound<KeycloakError>>> RemoveMappingsAsync(
        Guid id, [FromBody] List<RoleRepresentation> body, [AsParameters] AdminServices services, CancellationToken ct) =>
        ChangeMappingsAsync(id, body, services, "identity.user.roles.revoke", services.Users.RemoveRolesAsync, ct);

    private static async Task<Results<NoContent, NotFound<KeycloakError>>> ChangeMappingsAsync(
        Guid id,
        List<RoleRepresentation> requested,
        AdminServices services,
        string action,
        Func<DbSession, Guid, IReadOnlyCollection<Guid>, Task> change,
        CancellationToken ct) =>
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is null)
            {
                return (Results<NoContent, NotFound<KeycloakError>>)TypedResults.NotFound(new KeycloakError("User not found"));
            }
            var roles = await services.Roles.ListAsync(session);
            var chosen = requested.Select(r => roles.FirstOrDefault(role => role.Name == r.Name || role.Id.ToString() == r.Id)).ToList();
            if (chosen.Any(r => r is null))
            {
                return TypedResults.NotFound(new KeycloakError("Role not found"));
            }
            var names = chosen.Select(r => r!.Name).Distinct().ToArray();
            await change(session, id, chosen.Select(r => r!.Id).Distinct().ToArray());
            await services.Audit.RecordAsync(session, services.Actor, action, user, IdentityAudit.Success, new { roles = names });
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
