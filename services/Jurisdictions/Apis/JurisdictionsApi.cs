using Fenghuo.Contracts.Tenancy;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Fenghuo.Jurisdictions.Apis;

public static class JurisdictionsApi
{
    public static RouteGroupBuilder MapJurisdictionsApi(this IEndpointRouteBuilder app)
    {
        app.MapTenantDirectoryApi("jurisdictions");
        var api = app.MapGroup("api/jurisdictions").WithTags("Jurisdictions");

        api.MapGet("", ListAsync)
            .WithName("ListJurisdictions")
            .WithSummary("The caller's jurisdiction and every jurisdiction below it (the whole tree for platform admins)");
        api.MapGet("{code}", GetAsync)
            .WithName("GetJurisdiction")
            .WithSummary("One jurisdiction the caller may see");
        api.MapPost("", OnboardAsync)
            .WithName("OnboardJurisdiction")
            .WithSummary("Add a jurisdiction under an active parent command (platform-admin)")
            .RequireAuthorization(policy => policy.RequireRole(Roles.PlatformAdmin));
        api.MapPlansApi();
        api.MapChainOfCommandApi();
        app.MapPlanTemplatesApi();
        return api;
    }

    private static async Task<Ok<IReadOnlyList<Jurisdiction>>> ListAsync([AsParameters] JurisdictionServices services, CancellationToken ct) =>
        TypedResults.Ok(await services.Database.InTransactionAsync(services.Caller.Scope, services.Store.ListVisibleAsync, ct));

    private static async Task<Results<Ok<Jurisdiction>, NotFound>> GetAsync(string code, [AsParameters] JurisdictionServices services, CancellationToken ct)
    {
        var jurisdiction = await services.Database.InTransactionAsync(services.Caller.Scope, s => services.Store.FindAsync(s, code), ct);
        return jurisdiction is null ? TypedResults.NotFound() : TypedResults.Ok(jurisdiction);
    }

    private static async Task<Results<Created<Jurisdiction>, ValidationProblem>> OnboardAsync(
        OnboardingRequest request, [AsParameters] JurisdictionServices services, CancellationToken ct)
    {
        var shapeErrors = OnboardingRules.CheckShape(request);
        if (shapeErrors.Count > 0)
        {
            return Problems.Validation(shapeErrors);
        }

        try
        {
            return await services.Database.InTransactionAsync(new TenantScope(request.Code!, string.Empty, PlatformAdmin: true), async session =>
            {
                var parent = await services.Store.FindParentAsync(session, request.ParentCode!);
                var placementErrors = OnboardingRules.CheckPlacement(request, parent, await services.Store.CodeExistsAsync(session, request.Code!));
                if (placementErrors.Count > 0)
                {
                    return (Results<Created<Jurisdiction>, ValidationProblem>)Problems.Validation(placementErrors);
                }

                var created = await services.Store.InsertAsync(session, request, $"{parent!.Path}.{request.Code}");
                await services.Directory.ApplyAsync(session, created.ToState());
                await services.Outbox.EnqueueAsync(session, new JurisdictionOnboarded(
                    Guid.CreateVersion7(), services.Time.GetUtcNow(), created.Code, created.Path, created.ToState()));
                await services.Audit.AppendAsync(session, new AuditEntry(
                    services.Time.GetUtcNow(), created.Code, services.Caller.Username ?? "unknown", "jurisdiction.onboard",
                    created.Code, "success", CorrelationId.Current));
                return TypedResults.Created($"/api/jurisdictions/{created.Code}", created);
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Validation(new FieldError("code", "code_taken", "该辖区代码已被使用", "This code is already in use"));
        }
    }
}
