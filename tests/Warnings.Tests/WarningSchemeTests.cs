using Fenghuo.Contracts.Plans;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Warnings.Domain;

namespace Fenghuo.Warnings.Tests;

/// <summary>
/// Each seed plan's warning scheme as this service applies it: the level codes the Jurisdictions
/// parser gives, the CAP severity each maps to, who issues, and which codes a proposal may use.
/// Nothing assumes four colours.
/// </summary>
public sealed class WarningSchemeTests
{
    [Theory]
    [InlineData("jincheng", "I,II,III,IV", "Extreme,Severe,Moderate,Minor")] // 001: Ⅰ–Ⅳ without colours, by grade
    [InlineData("yangcheng", "I,II,III,IV", "Extreme,Severe,Moderate,Minor")] // 002: Ⅰ–Ⅳ red to blue
    [InlineData("jincheng_energy", "risk_large_plus,risk_general,risk_minor", "Extreme,Minor,Minor")] // 000: three risk levels by grade
    [InlineData("chengqu", "situation_1,situation_2,situation_3", "Extreme,Severe,Moderate")] // 003: situations, neither colour nor grade
    [InlineData("xinzhou_edz", "red,orange,yellow,blue", "Extreme,Severe,Moderate,Minor")] // 004: four colours
    public void Every_level_of_every_seed_scheme_has_a_CAP_severity(string tenant, string codes, string severities)
    {
        var scheme = SeedRules.For(tenant).WarningScheme;

        Assert.Equal(codes.Split(','), scheme.Levels.Select(l => l.Code));
        Assert.Equal(severities.Split(','), scheme.Levels.Select(l => WarningSeverity.Of(scheme, l).ToString()));
    }

    [Theory]
    [InlineData("jincheng", new[] { Roles.Commander, Roles.DeputyCommander })]
    [InlineData("yangcheng", new[] { Roles.Commander, Roles.DeputyCommander })]
    [InlineData("jincheng_energy", new[] { Roles.Commander, Roles.DeputyCommander })]
    [InlineData("chengqu", new[] { Roles.Commander, Roles.DeputyCommander })]
    [InlineData("xinzhou_edz", new[] { Roles.OfficeDirector })]
    public void Who_issues_adjusts_and_lifts_is_the_issuing_plans_approvers_and_only_the_issuer_lifts(string tenant, string[] approvers)
    {
        var issuance = SeedRules.For(tenant).WarningScheme.Issuance;

        Assert.Equal(approvers, issuance.ApproverRoles);
        Assert.True(issuance.IssuerLifts);
        Assert.Null(Lifecycle.Issue.Roles);
        Assert.Null(Lifecycle.Lift.Roles);
        Assert.Equal(ActingTenant.Issuer, Lifecycle.Lift.By);
    }

    [Fact]
    public void Chengqu_accepts_situation_3_and_refuses_red_naming_its_own_situations()
    {
        var scheme = SeedRules.For("chengqu").WarningScheme;

        Assert.Null(ProposalRules.CheckLevel("level", "situation_3", scheme));
        var refused = ProposalRules.CheckLevel("level", "red", scheme);
        Assert.NotNull(refused);
        Assert.Equal("not_in_plan", refused.Code);
        Assert.Contains("situation_1（情形1）、situation_2（情形2）、situation_3（情形3）", refused.MessageZh);
        Assert.Contains("situation_1, situation_2, situation_3", refused.MessageEn);
    }

    [Fact]
    public void The_zones_yellow_warning_pairs_with_its_single_response_and_the_citys_III_with_response_II()
    {
        var zone = PlanTerms.Of(1, SeedRules.For("xinzhou_edz"));
        var city = PlanTerms.Of(1, SeedRules.For("jincheng"));

        Assert.Equal("single", zone.RecommendedResponse(zone.Scheme.Find("yellow")!)!.Code);
        Assert.Equal("II", city.RecommendedResponse(city.Scheme.Find("III")!)!.Code);
    }

    [Fact]
    public void A_levels_plan_measures_are_the_common_ones_then_its_own()
    {
        var scheme = SeedRules.For("jincheng_energy").WarningScheme;
        var level = scheme.Find("risk_large_plus")!;

        Assert.Equal([.. scheme.CommonMeasures, .. level.Measures], scheme.PlanMeasures(level));
        Assert.NotEmpty(level.Measures);
    }

    [Theory]
    [InlineData("jincheng", "IV", "III", true)]
    [InlineData("jincheng", "III", "IV", false)]
    [InlineData("chengqu", "situation_3", "situation_1", true)]
    [InlineData("jincheng_energy", "risk_large_plus", "risk_minor", false)]
    public void Raising_means_moving_towards_the_first_listed_level(string tenant, string from, string to, bool raised) =>
        Assert.Equal(raised, SeedRules.For(tenant).WarningScheme.IsRaise(from, to));

    [Fact]
    public void A_proposal_with_a_level_outside_the_plan_and_an_expiry_in_the_past_names_both_fields()
    {
        var plan = SeedRules.For("jincheng");
        var proposal = new WarningProposal("yellow", "标题", "事由", plan.Taxonomy.Categories[0].Code, "全市", null,
            null, Warned.Now.AddMinutes(-1), "public", null);

        var errors = ProposalRules.Check(proposal, plan, Warned.Now);

        Assert.Equal(["level", "expiresAt"], errors.Select(e => e.Field));
        Assert.Contains("I（Ⅰ级预警）、II（Ⅱ级预警）、III（Ⅲ级预警）、IV（Ⅳ级预警）", errors[0].MessageZh);
        Assert.Equal("in_the_past", errors[1].Code);
    }

    [Fact]
    public void A_complete_proposal_under_its_plan_is_accepted()
    {
        var plan = SeedRules.For("xinzhou_edz");
        var proposal = new WarningProposal("yellow", "标题", "事由", plan.Taxonomy.Categories[0].Code, "开发区", ["措施"],
            Warned.Now, Warned.Now.AddDays(1), "internal", true);

        Assert.Empty(ProposalRules.Check(proposal, plan, Warned.Now));
    }
}
