using System.Text.Json;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Tests;

public sealed class PlanPublishedTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Carries_the_version_effective_date_and_rules()
    {
        var version = new PlanVersion("yangcheng", 2, new DateOnly(2025, 5, 1), Seeded.Plan("yangcheng"));

        var published = version.ToEvent(Now, "shanxi.jincheng.yangcheng");

        Assert.Equal(2, published.PlanVersion);
        Assert.Equal(new DateOnly(2025, 4, 14), published.EffectiveFrom);
        Assert.Equal("阳政办发〔2025〕23号", published.DocumentNumber);
        Assert.Equal(3, published.Rules.ResponseLevels.Count);
    }

    [Fact]
    public void An_undated_plan_takes_effect_when_published()
    {
        var version = new PlanVersion("jincheng_energy", 1, new DateOnly(2025, 6, 1), Seeded.Plan("jincheng_energy"));

        Assert.Equal(new DateOnly(2025, 6, 1), version.ToEvent(Now, "shanxi.jincheng.jincheng_energy").EffectiveFrom);
    }

    [Fact]
    public void Travels_as_camel_case_json_with_lower_snake_enums_and_back()
    {
        var published = new PlanVersion("chengqu", 1, new DateOnly(2024, 7, 4), Seeded.Plan("chengqu"))
            .ToEvent(Now, "shanxi.jincheng.chengqu");

        var json = JsonSerializer.Serialize(published, FenghuoJson.Options);
        var back = JsonSerializer.Deserialize<PlanPublished>(json, FenghuoJson.Options)!;

        Assert.Contains("\"standard\":\"gbz_20986_2007\"", json);
        Assert.Contains("\"kind\":\"command_capacity_exceeded\"", json);
        Assert.Contains("\"writtenAfterPhoneMinutes\":30", json);
        Assert.Equal(30, back.Rules.Reporting.InquiryAnswerMinutes);
        Assert.Equal(published.Rules.RecommendedResponseLevel(Grade.Large, true)?.Code, back.Rules.RecommendedResponseLevel(Grade.Large, true)?.Code);
    }
}
