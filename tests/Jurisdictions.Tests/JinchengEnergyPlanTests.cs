using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>晋城市能源局 (000): the energy bureau's plan.</summary>
public sealed class JinchengEnergyPlanTests
{
    private readonly PlanDocument plan = Seeded.Plan("jincheng_energy");

    [Fact]
    public void Is_undated_so_its_revision_counts_from_publication()
    {
        Assert.Null(plan.Identity.DocumentNumber);
        Assert.Null(plan.Identity.IssuedOn);
        Assert.Equal(3, plan.Identity.RevisionCycleYears);
        Assert.Equal(new DateOnly(2028, 3, 1), plan.Identity.NextRevisionDue(publishedOn: new DateOnly(2025, 3, 1)));
        Assert.Null(plan.Identity.NextRevisionDue());
    }

    [Fact]
    public void Warns_on_three_risk_levels_without_colours()
    {
        var levels = plan.WarningScheme.Levels;
        Assert.Equal(["较大以上风险预警", "一般风险预警", "一般以下风险预警"], levels.Select(l => l.Name));
        Assert.Equal([Grade.EspeciallyMajor, Grade.Major, Grade.Large], levels[0].Grades);
        Assert.Equal([Grade.Minor], levels[2].Grades);
        Assert.All(levels, l => Assert.Null(l.Colour));
    }

    [Fact]
    public void Level_I_is_large_plus_by_the_commander_and_II_III_by_the_deputy()
    {
        Assert.True(plan.Grades.UsesMinor);
        Assert.Equal([Roles.Commander], plan.Level("I").ApproverRoles);
        Assert.Equal([Roles.DeputyCommander], plan.Level("II").ApproverRoles);
        Assert.Equal([Roles.DeputyCommander], plan.Level("III").ApproverRoles);
        var rules = plan.ToRules();
        Assert.False(rules.MayStart("II", [Roles.OfficeDirector]));
        Assert.True(rules.MayStart("III", [Roles.DutyOfficer, Roles.DeputyCommander]));
        Assert.True(plan.Level("I").EscalatesToParent);
    }

    [Fact]
    public void General_large_and_undetermined_are_reported_within_an_hour()
    {
        var rules = plan.ToRules();
        Assert.Equal(60, rules.ReportUpwardDeadline(Grade.General));
        Assert.Equal(60, rules.ReportUpwardDeadline(Grade.Large));
        Assert.Equal(60, rules.ReportUpwardDeadline(Grade.Undetermined));
        Assert.Equal(15, rules.ReportUpwardDeadline(Grade.Major));
        Assert.Null(rules.ReportUpwardDeadline(Grade.Minor));
    }

    [Fact]
    public void General_is_reviewed_by_the_bureau_and_large_plus_with_the_superior()
    {
        var general = plan.Aftermath.Reviews.Single(r => r.Grade == Grade.General);
        Assert.Equal(ReviewLead.Command, general.Lead);
        Assert.Equal("市局指挥部办公室", general.LeadUnit);
        Assert.Equal(ReviewLead.Superior, plan.Aftermath.Reviews.Single(r => r.Grade == Grade.Large).Lead);
    }

    [Fact]
    public void Organisation_has_three_working_groups_and_the_county_bureaus_in_its_contacts()
    {
        Assert.Equal("市能源发展中心", plan.Organisation.Office.HostUnit);
        Assert.Equal(["综合协调组", "现场抢修组", "后勤保障组"], plan.Organisation.WorkingGroups.Select(g => g.Name));
        Assert.Equal("4232261", plan.Organisation.Contacts.Entries.Single(c => c.Unit == "阳城县能源局").Phone);
        Assert.Equal(1, plan.Exercises.MinimumPerYear);
    }
}
