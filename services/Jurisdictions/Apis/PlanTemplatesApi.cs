using Fenghuo.Contracts;
using Fenghuo.Jurisdictions.Domain.Plans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.Jurisdictions.Apis;

public static class PlanTemplatesApi
{
    public static RouteGroupBuilder MapPlanTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/plan-templates").WithTags("Plan templates");
        api.MapGet("", List)
            .WithName("ListPlanTemplates").WithSummary("Starting points for a new plan, and the two national taxonomies plans choose from");
        api.MapGet("schema", Schema)
            .WithName("GetPlanSchema").WithSummary("The JSON Schema every plan document follows");
        api.MapGet("{id}", Get)
            .WithName("GetPlanTemplate").WithSummary("One template with its whole plan document");
        return api;
    }

    private static Ok<PlanTemplatesView> List() => TypedResults.Ok(new PlanTemplatesView(
        PlanTemplates.All.Select(t => new TemplateSummary(t.Id, t.Name, t.Description, t.BasedOn, EnumLabel.Of(t.Plan.Taxonomy.Standard))).ToList(),
        PlanTemplates.Taxonomies.All));

    private static Results<Ok<PlanTemplate>, NotFound> Get(string id) =>
        PlanTemplates.For(id) is { } template ? TypedResults.Ok(template) : TypedResults.NotFound();

    private static ContentHttpResult Schema() => TypedResults.Text(PlanTemplates.Schema, "application/schema+json");
}
