using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fenghuo.BuildingBlocks.Plans;

public static class PlanRulesExtensions
{
    /// <summary>Keeps this service's copy of every published plan version (for services that act under a plan's rules).</summary>
    public static IBusRegistrationConfigurator AddPlanRulesReplica(this IBusRegistrationConfigurator bus)
    {
        bus.AddIdempotentConsumer<PlanPublishedConsumer>();
        bus.AddSingleton<PlanRulesReplica>();
        return bus;
    }

    /// <summary>GET api/{service}/plans/{code}: the plan versions this service acts under for a jurisdiction.</summary>
    public static RouteGroupBuilder MapPlanRulesApi(this IEndpointRouteBuilder app, string service)
    {
        var group = app.MapGroup($"api/{service}/plans").WithTags("Plan versions held");
        group.MapGet("{code}", VersionsAsync)
            .WithName($"{service}-plan-versions")
            .WithSummary("The published plan versions this service holds for the caller's jurisdiction or one below it");
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<KeptPlanVersion>>, NotFound>> VersionsAsync(
        string code, TenantContext caller, TenantDatabase database, PlanRulesReplica replica, CancellationToken ct)
    {
        var versions = await database.InTransactionAsync(caller.Scope, session => replica.VersionsAsync(session, code), ct);
        return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(versions);
    }
}
