using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>Which level each seeded plan recommends, per grade, with and without the command's capacity exceeded.</summary>
public sealed class RecommendedResponseLevelTests
{
    [Theory]
    // 001 晋城市: I 重大+, II 较大, III 一般; no 一般以下, so it counts as 一般.
    [InlineData("jincheng", Grade.EspeciallyMajor, false, "I")]
    [InlineData("jincheng", Grade.Major, false, "I")]
    [InlineData("jincheng", Grade.Large, false, "II")]
    [InlineData("jincheng", Grade.General, false, "III")]
    [InlineData("jincheng", Grade.Minor, false, "III")]
    [InlineData("jincheng", Grade.Undetermined, false, "II")]
    [InlineData("jincheng", Grade.General, true, "I")]
    // 000 能源局: I 较大+, II 一般, III 一般以下.
    [InlineData("jincheng_energy", Grade.EspeciallyMajor, false, "I")]
    [InlineData("jincheng_energy", Grade.Large, false, "I")]
    [InlineData("jincheng_energy", Grade.General, false, "II")]
    [InlineData("jincheng_energy", Grade.Minor, false, "III")]
    [InlineData("jincheng_energy", Grade.Undetermined, false, "I")]
    [InlineData("jincheng_energy", Grade.Minor, true, "I")]
    // 002 阳城县: I 较大+, II 一般, III 一般以下.
    [InlineData("yangcheng", Grade.EspeciallyMajor, false, "I")]
    [InlineData("yangcheng", Grade.Major, false, "I")]
    [InlineData("yangcheng", Grade.Large, false, "I")]
    [InlineData("yangcheng", Grade.General, false, "II")]
    [InlineData("yangcheng", Grade.Minor, false, "III")]
    [InlineData("yangcheng", Grade.Undetermined, false, "I")]
    [InlineData("yangcheng", Grade.General, true, "I")]
    [InlineData("yangcheng", Grade.Large, true, "I")]
    // 003 城区: I 重大+ (or district-wide spread), II below.
    [InlineData("chengqu", Grade.EspeciallyMajor, false, "I")]
    [InlineData("chengqu", Grade.Major, false, "I")]
    [InlineData("chengqu", Grade.Large, false, "II")]
    [InlineData("chengqu", Grade.General, false, "II")]
    [InlineData("chengqu", Grade.Minor, false, "II")]
    [InlineData("chengqu", Grade.Undetermined, false, "II")]
    [InlineData("chengqu", Grade.Large, true, "I")]
    // 004 开发区: one response for everything.
    [InlineData("xinzhou_edz", Grade.EspeciallyMajor, false, "single")]
    [InlineData("xinzhou_edz", Grade.General, false, "single")]
    [InlineData("xinzhou_edz", Grade.Minor, false, "single")]
    [InlineData("xinzhou_edz", Grade.Undetermined, false, "single")]
    [InlineData("xinzhou_edz", Grade.General, true, "single")]
    public void Seeded_plans_recommend_their_own_levels(string tenant, Grade grade, bool capacityExceeded, string expected)
    {
        var level = Seeded.Rules(tenant).RecommendedResponseLevel(grade, capacityExceeded);

        Assert.Equal(expected, level?.Code);
    }

    [Fact]
    public void A_plan_without_a_grade_route_recommends_nothing()
    {
        var rules = Seeded.Rules("yangcheng");
        var withoutLevelIII = rules with { ResponseLevels = [.. rules.ResponseLevels.Take(2)] };

        Assert.Null(withoutLevelIII.RecommendedResponseLevel(Grade.Minor, capacityExceeded: false));
    }
}
