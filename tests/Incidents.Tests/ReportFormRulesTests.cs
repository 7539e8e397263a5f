using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Tests;

/// <summary>What each seeded plan's report form accepts.</summary>
public sealed class ReportFormRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static ReportForm Form(string category = "data_security", string? subcategory = "data_leak", string grade = "large", DateTimeOffset? occurredAt = null) =>
        new("阳城县网信办", "县医院", occurredAt ?? Now.AddMinutes(-10), "张三", null, category, subcategory, grade, ["数据泄露"],
            "数据外泄", null, null, null, null, null, null, null, null);

    [Fact]
    public void A_complete_form_in_the_plans_taxonomy_passes() =>
        Assert.Empty(ReportFormRules.Check(Form(), SeedRules.For("yangcheng"), Now));

    [Fact]
    public void A_category_of_the_other_national_taxonomy_is_refused_naming_the_field()
    {
        // 002 follows GB/T 20986-2023 (data_security); 001 the 2007 standard, which has no such category.
        var error = Assert.Single(ReportFormRules.Check(Form(subcategory: null), SeedRules.For("jincheng"), Now));
        Assert.Equal(("category", "not_in_taxonomy"), (error.Field, error.Code));
        Assert.Contains("harmful_program", error.MessageEn);
    }

    [Fact]
    public void A_subcategory_must_belong_to_the_category()
    {
        var error = Assert.Single(ReportFormRules.Check(Form(subcategory: "ransomware"), SeedRules.For("yangcheng"), Now));
        Assert.Equal("subcategory", error.Field);
    }

    [Theory]
    [InlineData("yangcheng", true)] // 002 gives 一般以下 its own level III
    [InlineData("jincheng_energy", true)]
    [InlineData("jincheng", false)]
    [InlineData("chengqu", false)]
    [InlineData("xinzhou_edz", false)]
    public void Below_general_is_accepted_only_where_the_plan_uses_it(string tenant, bool accepted)
    {
        var category = SeedRules.For(tenant).Taxonomy.Categories[0].Code;
        var errors = ReportFormRules.Check(Form(category, null, "minor"), SeedRules.For(tenant), Now);
        Assert.Equal(accepted, errors.Count == 0);
    }

    [Fact]
    public void Unknown_grade_future_start_and_missing_fields_are_each_named()
    {
        var form = new ReportForm(null, " ", Now.AddMinutes(5), null, null, "data_security", null, "huge", null, null,
            null, null, null, null, null, null, null, null);
        var fields = ReportFormRules.Check(form, SeedRules.For("yangcheng"), Now).Select(e => e.Field).ToHashSet();
        Assert.Equal(new[] { "description", "grade", "occurredAt", "occurringUnit", "reporter", "reportingUnit" }, fields.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("阳城县", "阳城")]
    [InlineData("晋城市", "晋城")]
    [InlineData("城区", "城区")]
    [InlineData("忻州经济开发区", "忻州经济开发区")]
    [InlineData("晋城市能源局", "晋城市能源局")]
    public void Incident_numbers_use_the_jurisdictions_short_name(string name, string prefix) =>
        Assert.Equal(prefix, IncidentNumber.Prefix(name));
}
