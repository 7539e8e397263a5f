using System.Text.Json;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Jurisdictions.Tests;

public sealed class PlanValidatorTests
{
    public static TheoryData<string> SeedTenants => ["jincheng", "jincheng_energy", "yangcheng", "chengqu", "xinzhou_edz"];

    public static TheoryData<string> TemplateIds => [PlanTemplates.County, PlanTemplates.Bureau, PlanTemplates.DevelopmentZone];

    [Theory]
    [MemberData(nameof(SeedTenants))]
    public void Every_seed_plan_is_valid(string tenant) =>
        AssertValid(Seeded.Plan(tenant));

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Every_template_is_valid(string id) =>
        AssertValid(PlanTemplates.For(id)!.Plan);

    [Fact]
    public void A_trigger_on_a_grade_the_plan_does_not_use_is_rejected()
    {
        var plan = Seeded.Plan("jincheng");
        var levelIII = plan.ResponseLevels[2];
        var broken = plan with { ResponseLevels = Replace(plan.ResponseLevels, 2, levelIII with { Triggers = Replace(levelIII.Triggers, 0, levelIII.Triggers[0] with { Grades = [Grade.General, Grade.Minor] }) }) };

        AssertError(broken, "responseLevels[2].triggers[0].grades[1]", "unknown_grade");
    }

    [Fact]
    public void An_unknown_approver_role_is_rejected()
    {
        var plan = Seeded.Plan("yangcheng");
        var broken = plan with { ResponseLevels = Replace(plan.ResponseLevels, 1, plan.ResponseLevels[1] with { ApproverRoles = ["commander", "mayor"] }) };

        var error = AssertError(broken, "responseLevels[1].approverRoles[1]", "unknown_role");
        Assert.Contains("mayor", error.MessageZh);
        Assert.Contains("does not exist", error.MessageEn);
    }

    [Fact]
    public void A_negative_deadline_is_rejected()
    {
        var plan = Seeded.Plan("yangcheng");
        var deadlines = Replace(plan.Reporting.Deadlines, 2, plan.Reporting.Deadlines[2] with { Minutes = -5 });
        var broken = plan with { Reporting = plan.Reporting with { Deadlines = deadlines, InquiryAnswerMinutes = 0 } };

        AssertError(broken, "reporting.deadlines[2].minutes", "not_positive");
        AssertError(broken, "reporting.inquiryAnswerMinutes", "not_positive");
    }

    [Fact]
    public void A_category_from_the_other_standard_is_rejected()
    {
        var plan = Seeded.Plan("yangcheng");
        var categories = Replace(plan.Taxonomy.Categories, 0, plan.Taxonomy.Categories[0] with { Code = "harmful_program" });
        var broken = plan with { Taxonomy = plan.Taxonomy with { Categories = categories } };

        AssertError(broken, "taxonomy.categories[0].code", "unknown_category");
    }

    [Fact]
    public void A_subcategory_outside_its_category_is_rejected()
    {
        var plan = Seeded.Plan("jincheng");
        var category = plan.Taxonomy.Categories[0];
        var subcategories = Replace(category.Subcategories, 1, new PlanSubcategory("phishing", "网络钓鱼事件"));
        var broken = plan with { Taxonomy = plan.Taxonomy with { Categories = Replace(plan.Taxonomy.Categories, 0, category with { Subcategories = subcategories }) } };

        AssertError(broken, "taxonomy.categories[0].subcategories[1].code", "unknown_subcategory");
    }

    [Fact]
    public void Duplicate_codes_and_a_grade_routed_to_two_levels_are_rejected()
    {
        var plan = Seeded.Plan("jincheng");
        var broken = plan with { ResponseLevels = Replace(plan.ResponseLevels, 1, plan.ResponseLevels[0] with { Name = "copy" }) };

        AssertError(broken, "responseLevels[1].code", "duplicate");
        var rerouted = plan with { ResponseLevels = Replace(plan.ResponseLevels, 2, plan.ResponseLevels[2] with { Triggers = plan.ResponseLevels[1].Triggers }) };
        AssertError(rerouted, "responseLevels[2].triggers[0].grades", "grade_routed_twice");
    }

    [Fact]
    public void Approvers_must_hold_a_post_in_the_organisation()
    {
        var plan = Seeded.Plan("jincheng");
        var broken = plan with { Organisation = plan.Organisation with { Roles = [.. plan.Organisation.Roles.Where(r => r.Role != "office-director")] } };

        AssertError(broken, "responseLevels[2].approverRoles[0]", "role_not_in_organisation");
    }

    [Fact]
    public void Immediate_deadlines_must_use_the_configured_minutes()
    {
        var plan = Seeded.Plan("jincheng");
        var broken = plan with { Reporting = plan.Reporting with { ImmediateMinutes = 10 } };

        AssertError(broken, "reporting.deadlines[0].minutes", "immediate_mismatch");
    }

    [Fact]
    public void Warning_levels_may_only_name_grades_the_plan_uses()
    {
        var plan = Seeded.Plan("jincheng");
        var levels = Replace(plan.WarningScheme.Levels, 3, plan.WarningScheme.Levels[3] with { Grades = [Grade.Minor], ResponseLevelCode = "IV" });
        var broken = plan with { WarningScheme = plan.WarningScheme with { Levels = levels } };

        AssertError(broken, "warningScheme.levels[3].grades[0]", "unknown_grade");
        AssertError(broken, "warningScheme.levels[3].responseLevelCode", "unknown_response_level");
    }

    [Fact]
    public void An_empty_document_reports_every_missing_section()
    {
        var empty = JsonSerializer.Deserialize<PlanDocument>("{}", FenghuoJson.Options)!;

        var fields = PlanValidator.Validate(empty, Taxonomies.BuiltIn).Select(e => e.Field).ToList();

        Assert.Equal(
            ["identity", "taxonomy", "grades", "responseLevels", "warningScheme", "reporting", "responseEnd", "aftermath", "exercises", "organisation", "interpretations"],
            fields);
    }

    [Fact]
    public void At_least_one_response_level_is_required()
    {
        var plan = Seeded.Plan("xinzhou_edz");

        AssertError(plan with { ResponseLevels = [] }, "responseLevels", "empty");
    }

    private static void AssertValid(PlanDocument plan)
    {
        var errors = PlanValidator.Validate(plan, Taxonomies.BuiltIn);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Field}: {e.Combined}")));
    }

    private static FieldError AssertError(PlanDocument plan, string field, string code)
    {
        var errors = PlanValidator.Validate(plan, Taxonomies.BuiltIn);
        var match = errors.FirstOrDefault(e => e.Field == field && e.Code == code);
        Assert.True(match is not null, $"expected {code} at {field}; got: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Code}"))}");
        return match!;
    }

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, int index, T replacement) =>
        [.. items.Select((item, i) => i == index ? replacement : item)];
}
