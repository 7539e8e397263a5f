using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>城区 (003): the district's communication-network plan.</summary>
public sealed class ChengquPlanTests
{
    private readonly PlanDocument plan = Seeded.Plan("chengqu");

    [Fact]
    public void States_no_taxonomy_so_the_full_2007_one_applies()
    {
        Assert.Equal(TaxonomyStandard.Gbz_20986_2007, plan.Taxonomy.Standard);
        Assert.Equal(7, plan.Taxonomy.Categories.Count);
        Assert.Equal(37, plan.Taxonomy.Categories.Sum(c => c.Subcategories.Count));
        Assert.Contains(plan.Interpretations, i => i.Topic == "事件分类");
    }

    [Fact]
    public void Has_only_levels_I_and_II()
    {
        Assert.Equal(["I", "II"], plan.ResponseLevels.Select(l => l.Code));
        Assert.Equal([Roles.Commander], plan.Level("I").ApproverRoles);
        Assert.Equal([Roles.Commander, Roles.DeputyCommander], plan.Level("II").ApproverRoles);
        Assert.Contains(plan.Level("II").Triggers, t => t.Kind == TriggerKind.ScopeOfImpact);
        Assert.True(plan.Level("I").EscalatesToParent);
        Assert.Equal("总指挥", plan.Organisation.Roles.Single(r => r.Role == Roles.Commander).Title);
    }

    [Fact]
    public void Phone_first_then_written_within_thirty_minutes_and_inquiries_answered_within_thirty()
    {
        var reporting = plan.Reporting;
        Assert.Equal(30, reporting.WrittenAfterPhoneMinutes);
        Assert.Equal(30, reporting.InquiryAnswerMinutes);
        Assert.True(reporting.FollowUpsUntilClosed);
        Assert.All(reporting.Deadlines, d => Assert.True(d.Immediate));
        Assert.Equal(15, plan.ToRules().ReportUpwardDeadline(Grade.General));
    }

    [Fact]
    public void Warns_by_three_situations_paired_with_the_response_levels()
    {
        var levels = plan.WarningScheme.Levels;
        Assert.Equal(["情形1", "情形2", "情形3"], levels.Select(l => l.Name));
        Assert.Equal(["I", "I", "II"], levels.Select(l => l.ResponseLevelCode));
        Assert.All(levels, l => Assert.Empty(l.Grades));
        Assert.True(plan.WarningScheme.Issuance.IssuerLifts);
    }

    [Fact]
    public void Is_reviewed_by_an_investigation_team_and_drilled_periodically()
    {
        Assert.All(plan.Aftermath.Reviews, r => Assert.Equal(ReviewLead.Command, r.Lead));
        Assert.Contains("调查组", plan.Aftermath.Reviews[0].LeadUnit);
        Assert.Null(plan.Exercises.MinimumPerYear);
        Assert.Equal(7, plan.Organisation.WorkingGroups.Count);
        Assert.Equal("区工信局", plan.Organisation.Office.HostUnit);
        Assert.Equal(30, plan.Organisation.Contacts.Entries.Count);
    }
}
