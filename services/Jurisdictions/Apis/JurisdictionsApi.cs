using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Jurisdictions.Data;
using Fenghuo.Jurisdictions.Domain;
using Fenghuo.Jurisdictions.Onboarding;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
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

    private static async Task<Results<Created<OnboardingResult>, ValidationProblem>> OnboardAsync(
        OnboardingRequest request, JurisdictionOnboarding onboarding, TenantContext caller, CancellationToken ct)
    {
        var shapeErrors = OnboardingRules.CheckShape(request);
        if (shapeErrors.Count > 0)
        {
            return Problems.Validation(shapeErrors);
        }
        try
        {
            var (result, errors) = await onboarding.OnboardAsync(request, caller.Actor, ct);
            return result is null
                ? Problems.Validation([.. errors])
                : TypedResults.Created($"/api/jurisdictions/{result.Jurisdiction.Code}", result);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Validation(new FieldError("code", "code_taken", "该辖区代码已被使用", "This code is already in use"));
        }
    }
}
