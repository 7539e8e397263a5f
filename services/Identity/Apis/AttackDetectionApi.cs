using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
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

    private static async Task<NoContent> ClearAsync(Guid id, [AsParameters] AdminServices services, CancellationToken ct)
    {
        await services.Database.InTransactionAsync(TenantScope.None, async session =>
        {
            var user = await services.Users.FindAsync(session, id);
            if (user is not null)
            {
                await services.Failures.ClearAsync(session, id);
                await services.Audit.RecordAsync(session, services.Actor, "identity.user.unlock", user, IdentityAudit.Success);
            }
        }, ct);
        return TypedResults.NoContent();
    }
}
