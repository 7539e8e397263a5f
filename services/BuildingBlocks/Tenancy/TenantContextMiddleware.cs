using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>
/// Fills <see cref="TenantContext"/> for an authenticated caller. A token whose tenant this
/// service does not know, or whose tenant is suspended, is refused before any handler runs.
/// </summary>
public sealed class TenantContextMiddleware(RequestDelegate next, ILogger<TenantContextMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var code = user.FindFirst(ClaimNames.Tenant)?.Value;
        var directory = context.RequestServices.GetService<TenantDirectory>();
        if (string.IsNullOrEmpty(code) || directory is null)
        {
            tenant.Set(user, null);
            await next(context);
            return;
        }

        var entry = await directory.FindAsync(code, context.RequestAborted);
        if (entry is null || !entry.IsActive)
        {
            logger.LogWarning("Refused a caller of tenant {TenantCode}: {Reason}", code, entry is null ? "unknown" : "suspended");
            await Results.Problem(
                title: entry is null ? "本服务尚不认识该辖区 (This jurisdiction is not known to this service)" : "该辖区已停用 (This jurisdiction is suspended)",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["code"] = entry is null ? "tenant_unknown" : "tenant_suspended" })
                .ExecuteAsync(context);
            return;
        }

        tenant.Set(user, entry);
        using (logger.BeginScope("tenant {TenantCode}", entry.Code))
        {
            await next(context);
        }
    }
}
