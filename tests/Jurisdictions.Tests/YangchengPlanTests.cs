using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>阳城县 (002): the county plan on the 2023 taxonomy.</summary>
public sealed class YangchengPlanTests
{
    private readonly PlanDocument plan = Seeded.Plan("yangcheng");

    [Fact]
    public void Identity_is_the_2025_county_plan_evaluated_every_three_years()
    {
        Assert.Equal("阳政办发〔2025〕23号", plan.Identity.DocumentNumber);
        Assert.Equal(new DateOnly(2025, 4, 14), plan.Identity.IssuedOn);
        Assert.Equal(new DateOnly(2028, 4, 14), plan.Identity.NextRevisionDue());
    }

    [Fact]
    public void Uses_the_2023_taxonomy_with_all_ten_categories_and_their_subcategories()
    {
        Assert.Equal(TaxonomyStandard.Gbt_20986_2023, plan.Taxonomy.Standard);
        Assert.Equal(10, plan.Taxonomy.Categories.Count);
        Assert.Equal(76, plan.Taxonomy.Categories.Sum(c => c.Subcategories.Count));
        Assert.Contains(plan.Taxonomy.Categories.Single(c => c.Code == "data_security").Subcategories, s => s.Code == "data_leak");
    }

    [Fact]
    public void Warnings_are_four_colours_for_the_four_grades()
    {
        Assert.Equal(
            [WarningColour.Red, WarningColour.Orange, WarningColour.Yellow, WarningColour.Blue],
            plan.WarningScheme.Levels.Select(l => l.Colour!.Value));
        Assert.Equal([Grade.Large], plan.WarningScheme.Levels[2].Grades);
    }

    [Fact]
    public void Level_I_is_large_plus_by_the_commander_and_escalates_to_jincheng()
    {
        var level = plan.Level("I");
        Assert.Equal([Roles.Commander], level.ApproverRoles);
        Assert.True(level.EscalatesToParent);
        Assert.Equal(EscalationTargetKind.ParentCommand, level.Escalation!.Kind);
        Assert.Contains("晋城市", level.Escalation.Name);
        Assert.Contains(level.Triggers, t => t.Kind == TriggerKind.CommandCapacityExceeded);
    }

    [Fact]
    public void Level_II_is_general_by_commander_or_deputy_and_III_minor_by_the_office_director()
    {
        var rules = plan.ToRules();
        Assert.True(rules.MayStart("II", [Roles.DeputyCommander]));
        Assert.False(rules.MayStart("I", [Roles.DeputyCommander]));
        Assert.True(rules.MayStart("III", [Roles.OfficeDirector]));
        Assert.False(rules.MayStart("III", [Roles.Reporter]));
        Assert.Contains(plan.Level("III").Triggers, t => t.Kind == TriggerKind.Grade && t.Grades.SequenceEqual([Grade.Minor]));
    }

    [Fact]
    public void Large_and_undetermined_are_reported_within_thirty_minutes_and_major_immediately()
    {
        var rules = plan.ToRules();
        Assert.Equal(30, rules.ReportUpwardDeadline(Grade.Large));
        Assert.Equal(30, rules.ReportUpwardDeadline(Grade.Undetermined));
        Assert.Equal(15, rules.ReportUpwardDeadline(Grade.EspeciallyMajor));
        Assert.True(rules.Reporting.Deadlines.Single(d => d.Grade == Grade.Major).Immediate);
        Assert.Equal(ClockStart.Occurrence, rules.Reporting.Deadlines.Single(d => d.Grade == Grade.Large).From);
    }

    [Fact]
    public void Large_plus_is_reviewed_with_the_superior_and_general_by_the_county()
    {
        Assert.Equal(ReviewLead.Superior, plan.Aftermath.Reviews.Single(r => r.Grade == Grade.Large).Lead);
        var general = plan.Aftermath.Reviews.Single(r => r.Grade == Grade.General);
        Assert.Equal(ReviewLead.Command, general.Lead);
        Assert.Equal(["市指挥部办公室"], general.ReportTo);
    }

    [Fact]
    public void Organisation_follows_the_appendix_tables()
    {
        var organisation = plan.Organisation;
        Assert.Equal("县委宣传部（县委网信办）", organisation.Office.HostUnit);
        Assert.Equal(20, organisation.MemberUnits.Count);
        Assert.Equal(["综合协调组", "现场抢修组", "技术专家组", "后勤保障组", "新闻宣传组"], organisation.WorkingGroups.Select(g => g.Name));
        Assert.Equal("县数据中心", organisation.WorkingGroups.Single(g => g.Name == "技术专家组").LeadUnit);
        Assert.Equal(41, organisation.Contacts.Entries.Count);
        Assert.Equal("4220369", organisation.Contacts.Entries.Single(c => c.Unit == "县数据中心").Phone);
        Assert.Equal("4870016", organisation.Contacts.Entries.Single(c => c.Unit == "蟒河镇人民政府").Phone);
        Assert.Equal(1, plan.Exercises.MinimumPerYear);
    }
}
