using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>晋城市 (001): the city plan.</summary>
public sealed class JinchengPlanTests
{
    private readonly PlanDocument plan = Seeded.Plan("jincheng");

    [Fact]
    public void Identity_is_the_2020_city_plan_revised_every_three_years()
    {
        Assert.Equal("晋市政办〔2020〕82号", plan.Identity.DocumentNumber);
        Assert.Equal(new DateOnly(2020, 12, 31), plan.Identity.IssuedOn);
        Assert.Equal(new DateOnly(2023, 12, 31), plan.Identity.NextRevisionDue());
    }

    [Fact]
    public void Uses_the_2007_taxonomy_with_seven_categories_and_no_minor_grade()
    {
        Assert.Equal(TaxonomyStandard.Gbz_20986_2007, plan.Taxonomy.Standard);
        Assert.Equal(7, plan.Taxonomy.Categories.Count);
        Assert.Equal("混合程序攻击事件", plan.Taxonomy.Categories[0].Subcategories.Single(s => s.Code == "blended_attack").Name);
        Assert.False(plan.Grades.UsesMinor);
    }

    [Fact]
    public void Levels_are_major_plus_large_general_started_by_commander_deputy_and_office_director()
    {
        Assert.Equal(["I", "II", "III"], plan.ResponseLevels.Select(l => l.Code));
        Assert.Equal([Roles.Commander], plan.Level("I").ApproverRoles);
        Assert.Equal([Roles.Commander, Roles.DeputyCommander], plan.Level("II").ApproverRoles);
        Assert.Equal([Roles.OfficeDirector], plan.Level("III").ApproverRoles);
        Assert.Contains(plan.Level("I").Triggers, t => t.Kind == TriggerKind.Grade && t.Grades.SequenceEqual([Grade.EspeciallyMajor, Grade.Major]));
    }

    [Fact]
    public void Level_I_escalates_to_the_province()
    {
        var rules = plan.ToRules();
        Assert.True(rules.EscalatesToParent("I", Grade.Major));
        Assert.False(rules.EscalatesToParent("II", Grade.Large));
        Assert.Contains("省", plan.Level("I").Escalation!.Name);
    }

    [Fact]
    public void Large_and_undetermined_are_reported_within_an_hour_and_major_immediately()
    {
        var rules = plan.ToRules();
        Assert.Equal(60, rules.ReportUpwardDeadline(Grade.Large));
        Assert.Equal(60, rules.ReportUpwardDeadline(Grade.Undetermined));
        Assert.Equal(15, rules.ReportUpwardDeadline(Grade.Major));
        Assert.Equal(15, rules.ReportUpwardDeadline(Grade.EspeciallyMajor));
        Assert.Null(rules.ReportUpwardDeadline(Grade.General));
        Assert.Null(rules.Reporting.InquiryAnswerMinutes);
    }

    [Fact]
    public void Reviews_go_to_the_superior_for_major_and_stay_local_below()
    {
        Assert.Equal(ReviewLead.Superior, plan.Aftermath.Reviews.Single(r => r.Grade == Grade.Major).Lead);
        Assert.Equal(ReviewLead.AffectedUnit, plan.Aftermath.Reviews.Single(r => r.Grade == Grade.Large).Lead);
        Assert.Contains("市指挥部办公室", plan.Aftermath.Reviews.Single(r => r.Grade == Grade.General).ReportTo);
    }

    [Fact]
    public void Command_office_is_at_the_big_data_bureau_and_drills_are_yearly()
    {
        Assert.Equal("市大数据局", plan.Organisation.Office.HostUnit);
        Assert.Equal(23, plan.Organisation.MemberUnits.Count);
        Assert.Equal(28, plan.Organisation.Contacts.Entries.Count);
        Assert.Equal("2218958", plan.Organisation.Contacts.Entries.Single(c => c.Unit == "市大数据局").Phone);
        Assert.Equal(1, plan.Exercises.MinimumPerYear);
        Assert.Equal(4, plan.WarningScheme.Levels.Count);
        Assert.All(plan.WarningScheme.Levels, l => Assert.Null(l.Colour));
    }
}
