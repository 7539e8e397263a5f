using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fenghuo.BuildingBlocks.Tenancy;

public static class TenantDirectoryApi
{
    /// <summary>
    /// GET api/{service}/directory/{code}: what this service knows of a jurisdiction. Lets a command
    /// (or an administrator) see that a new tenant below it has reached every service.
    /// </summary>
    public static RouteGroupBuilder MapTenantDirectoryApi(this IEndpointRouteBuilder app, string service)
    {
        var group = app.MapGroup($"api/{service}/directory").WithTags("Tenant directory");
        group.MapGet("{code}", GetAsync)
            .WithName($"{service}-directory-entry")
            .WithSummary("A jurisdiction as this service knows it (caller's own tenant, its subtree, or any for platform admins)");
        return group;
    }

    private static async Task<Results<Ok<TenantEntry>, NotFound>> GetAsync(string code, TenantContext caller, TenantDirectory directory, CancellationToken ct)
    {
        var entry = await directory.FindAsync(code, ct);
        // Someone else's subtree answers like a tenant that does not exist, so existence does not leak.
        return entry is not null && caller.Oversees(entry.Path) ? TypedResults.Ok(entry) : TypedResults.NotFound();
    }
}
