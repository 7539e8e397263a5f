using Fenghuo.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fenghuo.ServiceDefaults;

public static class Health
{
    /// <summary>Checks tagged "ready" decide /health; /alive only says the process answers.</summary>
    public const string ReadyTag = "ready";
    public const string LiveTag = "live";

    public static IHostApplicationBuilder AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>The checks /health runs.</summary>
    public static bool IsReadiness(HealthCheckRegistration check) => check.Tags.Contains(ReadyTag) || check.Tags.Contains(LiveTag);

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var detailed = app.Services.GetService<IOptions<HealthReportOptions>>()?.Value.Detailed ?? true;
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = IsReadiness,
            ResponseWriter = detailed ? WriteReport : WriteStatus,
        }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Only the overall status: what a process facing the internet may tell anyone.</summary>
    public static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() }, FenghuoJson.Options);

    /// <summary>Each check with its description: hosts, timings, exception text — for operators only.</summary>
    public static Task WriteReport(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        };
        return context.Response.WriteAsJsonAsync(body, FenghuoJson.Options);
    }
}

/// <summary>
/// Whether /health names each check and why it failed (the default, for services nobody outside
/// reaches) or says only the overall status (the gateway, the one process facing the internet).
/// </summary>
public sealed class HealthReportOptions
{
    public bool Detailed { get; set; } = true;
}
