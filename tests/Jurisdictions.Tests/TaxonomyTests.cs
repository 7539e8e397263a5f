using System.Text.RegularExpressions;
using Fenghuo.Contracts.Plans;
using Fenghuo.Jurisdictions.Domain.Plans;

namespace Fenghuo.Jurisdictions.Tests;

public sealed class TaxonomyTests
{
    private static readonly Regex LowerSnake = new("^[a-z][a-z0-9_]*$");

    [Fact]
    public void Gbz_2007_has_its_seven_categories_with_every_subcategory()
    {
        var taxonomy = Taxonomies.BuiltIn.Find(TaxonomyStandard.Gbz_20986_2007)!;

        Assert.Equal(
            ["有害程序事件", "网络攻击事件", "信息破坏事件", "信息内容安全事件", "设备设施故障", "灾害性事件", "其他事件"],
            taxonomy.Categories.Select(c => c.Name));
        Assert.Equal([7, 7, 6, 4, 4, 9, 0], taxonomy.Categories.Select(c => c.Subcategories.Count));
        Assert.Equal(
            ["计算机病毒事件", "蠕虫事件", "特洛伊木马事件", "僵尸网络事件", "混合攻击程序事件", "网页内嵌恶意代码事件", "其他有害程序事件"],
            taxonomy.Category("harmful_program")!.Subcategories.Select(s => s.Name));
        Assert.Equal(
            ["拒绝服务攻击事件", "后门攻击事件", "漏洞攻击事件", "网络扫描窃听事件", "网络钓鱼事件", "干扰事件", "其他网络攻击事件"],
            taxonomy.Category("network_attack")!.Subcategories.Select(s => s.Name));
    }

    [Fact]
    public void Gbt_2023_has_its_ten_categories_as_yangcheng_appendix_lists_them()
    {
        var taxonomy = Taxonomies.BuiltIn.Find(TaxonomyStandard.Gbt_20986_2023)!;

        Assert.Equal(
            ["恶意程序事件", "网络攻击事件", "数据安全事件", "信息内容安全事件", "设备设施故障事件", "违规操作事件", "安全隐患事件", "异常行为事件", "不可抗力事件", "其他事件"],
            taxonomy.Categories.Select(c => c.Name));
        Assert.Equal([10, 21, 12, 8, 5, 9, 3, 3, 5, 0], taxonomy.Categories.Select(c => c.Subcategories.Count));
        Assert.Equal(
            ["malware", "network_attack", "data_security", "information_content_security", "equipment_failure",
             "rule_violation", "security_hazard", "abnormal_behaviour", "force_majeure", "other"],
            taxonomy.Categories.Select(c => c.Code));
        Assert.True(taxonomy.Category("data_security")!.HasSubcategory("data_leak"));
        Assert.True(taxonomy.Category("malware")!.HasSubcategory("ransomware"));
    }

    [Theory]
    [InlineData(TaxonomyStandard.Gbz_20986_2007)]
    [InlineData(TaxonomyStandard.Gbt_20986_2023)]
    public void Codes_are_stable_lower_snake_and_unique_within_a_standard(TaxonomyStandard standard)
    {
        var taxonomy = Taxonomies.BuiltIn.Find(standard)!;
        var codes = taxonomy.Categories.Select(c => c.Code)
            .Concat(taxonomy.Categories.SelectMany(c => c.Subcategories).Select(s => s.Code))
            .ToList();

        Assert.All(codes, code => Assert.Matches(LowerSnake, code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(taxonomy.Categories, c => Assert.False(string.IsNullOrWhiteSpace(c.NameEn + c.Description)));
    }
}
