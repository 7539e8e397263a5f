using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>忻州经济开发区 (004): the zone's short plan for its OA system and portal.</summary>
public sealed class XinzhouZonePlanTests
{
    private readonly PlanDocument plan = Seeded.Plan("xinzhou_edz");

    [Fact]
    public void Is_revised_as_needed()
    {
        Assert.Equal("忻开党发〔2023〕7号", plan.Identity.DocumentNumber);
        Assert.Null(plan.Identity.RevisionCycleYears);
        Assert.Null(plan.Identity.NextRevisionDue());
    }

    [Fact]
    public void Has_one_response_started_for_the_leadership_group()
    {
        var level = Assert.Single(plan.ResponseLevels);
        Assert.Equal("single", level.Code);
        Assert.Equal([Roles.Commander, Roles.DeputyCommander], level.ApproverRoles);
        Assert.Equal("领导小组", plan.Organisation.Command.ShortName);
        Assert.All(plan.Organisation.Roles, r => Assert.Empty(r.Holders));
    }

    [Fact]
    public void Grades_are_worded_around_the_oa_system_and_portal()
    {
        Assert.All(plan.Grades.Definitions.Take(3), d => Assert.Contains("OA", d.Criteria[0]));
        Assert.False(plan.Grades.UsesMinor);
    }

    [Fact]
    public void Large_plus_goes_to_the_city_office_and_especially_major_to_the_city_command()
    {
        var rules = plan.ToRules();
        Assert.False(rules.EscalatesToParent("single", Grade.General));
        Assert.True(rules.EscalatesToParent("single", Grade.Large));
        Assert.True(rules.EscalatesToParent("single", Grade.Undetermined));
        Assert.Contains("市网安应急办", rules.Reporting.Recipients.Single(r => r.Grades.SequenceEqual([Grade.EspeciallyMajor])).Name);
        Assert.Equal(15, rules.ReportUpwardDeadline(Grade.EspeciallyMajor));
        Assert.Equal(60, rules.ReportUpwardDeadline(Grade.Large));
        Assert.Null(rules.ReportUpwardDeadline(Grade.General));
    }

    [Fact]
    public void Review_is_due_thirty_days_after_the_response_ends()
    {
        var ended = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero); // 10:00 China time
        Assert.Equal(30, plan.Aftermath.ReviewDueDays);
        Assert.Equal(ended.AddDays(30), plan.ToRules().ReviewDue(ended));
        Assert.Null(Seeded.Rules("yangcheng").ReviewDue(ended));
    }

    [Fact]
    public void Warnings_are_four_colours_issued_by_the_office_and_drills_are_periodic()
    {
        Assert.Equal(["red", "orange", "yellow", "blue"], plan.WarningScheme.Levels.Select(l => l.Code));
        Assert.Equal([Roles.OfficeDirector], plan.WarningScheme.Issuance.ApproverRoles);
        Assert.Null(plan.Exercises.MinimumPerYear);
        Assert.Empty(plan.Organisation.Contacts.Entries);
    }
}
