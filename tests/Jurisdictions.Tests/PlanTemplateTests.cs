using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

public sealed class PlanTemplateTests
{
    [Fact]
    public void County_template_is_2023_four_colours_and_three_levels_with_placeholders()
    {
        var template = PlanTemplates.For(PlanTemplates.County)!;
        var plan = template.Plan;

        Assert.Equal("002", template.BasedOn);
        Assert.Equal(TaxonomyStandard.Gbt_20986_2023, plan.Taxonomy.Standard);
        Assert.Equal(10, plan.Taxonomy.Categories.Count);
        Assert.All(plan.WarningScheme.Levels, l => Assert.NotNull(l.Colour));
        Assert.Equal(["I", "II", "III"], plan.ResponseLevels.Select(l => l.Code));
        Assert.Equal([Roles.OfficeDirector], plan.ResponseLevels[2].ApproverRoles);
        Assert.Null(plan.Identity.DocumentNumber);
        Assert.Empty(plan.Organisation.Contacts.Entries);
        Assert.DoesNotContain("阳城", plan.Organisation.Command.Name);
    }

    [Fact]
    public void Bureau_template_keeps_three_risk_levels()
    {
        var plan = PlanTemplates.For(PlanTemplates.Bureau)!.Plan;

        Assert.Equal(3, plan.WarningScheme.Levels.Count);
        Assert.All(plan.WarningScheme.Levels, l => Assert.Null(l.Colour));
        Assert.Equal([Roles.DeputyCommander], plan.ResponseLevels[1].ApproverRoles);
    }

    [Fact]
    public void Development_zone_template_has_one_response_and_a_thirty_day_review()
    {
        var plan = PlanTemplates.For(PlanTemplates.DevelopmentZone)!.Plan;

        Assert.Single(plan.ResponseLevels);
        Assert.Equal(30, plan.Aftermath.ReviewDueDays);
        Assert.DoesNotContain("忻州", plan.ResponseLevels[0].Escalation!.Name);
    }

    [Fact]
    public void Templates_are_listed_by_their_ids_beside_both_taxonomies()
    {
        Assert.Equal(["bureau", "county", "development_zone"], PlanTemplates.All.Select(t => t.Id));
        Assert.Equal(2, PlanTemplates.Taxonomies.All.Count);
        Assert.Null(PlanTemplates.For("province"));
    }
}
