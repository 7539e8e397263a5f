using System.Security.Claims;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fenghuo.Incidents.Tests;

internal static class Callers
{
    /// <summary>A caller as the service sees one after token validation: TenantContextMiddleware fills it from the claims.</summary>
    public static async Task<TenantContext> AsAsync(IncidentsHost host, string tenant, string role)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new(ClaimNames.Subject, Guid.NewGuid().ToString()), new(ClaimNames.PreferredUsername, $"{tenant}.{role}"),
                 new(ClaimNames.Tenant, tenant), new(ClaimNames.Role, role)], "test")),
            RequestServices = new DirectoryOnly(host.Get<TenantDirectory>()),
        };
        var caller = new TenantContext();
        await new TenantContextMiddleware(_ => Task.CompletedTask, NullLogger<TenantContextMiddleware>.Instance).InvokeAsync(http, caller);
        Assert.Equal(tenant, caller.TenantCode);
        return caller;
    }

    private sealed class DirectoryOnly(TenantDirectory directory) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(TenantDirectory) ? directory : null;
    }
}
