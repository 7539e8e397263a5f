using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Realm;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Identity.Apis;

/// <summary>Keycloak's attack-detection API: lets an administrator lift a user's temporary lockout.</summary>
public static class AttackDetectionApi
{
    public static RouteGroupBuilder MapAttackDetectionApi(this RouteGroupBuilder admin)
    {
        admin.MapDelete("attack-detection/brute-force/users/{id:guid}", ClearAsync)
            .WithTags("Admin: users")
            .WithName("AdminClearLoginFailures")
            .WithSummary("Clear a user's failed-login count and temporary lockout");
        return admin;
    }

    /// <summary>An unknown user answers 404 like every other user path of this API, rather than a 204 that claims something was cleared.</summary>
    private static async Task<Results<NoContent, NotFound<KeycloakError>>> ClearAsync(Guid id, [AsParameters] AdminServices services, CancellationToken ct)
    {
        var found = await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is null)
            {
                return false;
            }
            await services.Failures.ClearAsync(session, id);
            await services.Audit.RecordAsync(session, services.Actor, "identity.user.unlock", user, IdentityAudit.Success);
            return true;
        }, ct);
        return found ? TypedResults.NoContent() : TypedResults.NotFound(new KeycloakError("User not found"));
    }
}
