using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>Enum labels are worked out once per type and kept; what each call answers is unchanged.</summary>
public sealed class EnumLabelTests
{
    [Fact]
    public void Every_value_reads_back_from_its_label_on_every_call()
    {
        for (var call = 0; call < 2; call++)
        {
            Assert.All(Enum.GetValues<Grade>(), grade =>
            {
                Assert.True(EnumLabel.TryParse<Grade>(EnumLabel.Of(grade), out var read));
                Assert.Equal(grade, read);
            });
        }
        Assert.Equal("especially_major", EnumLabel.Of(Grade.EspeciallyMajor));
        Assert.Equal("重大", EnumLabel.Chinese(Grade.Major));
    }

    [Theory]
    [InlineData("EspeciallyMajor")]
    [InlineData("especially major")]
    [InlineData("")]
    [InlineData(null)]
    public void A_label_the_enum_does_not_have_is_refused(string? label) =>
        Assert.False(EnumLabel.TryParse<Grade>(label, out _));

    [Fact]
    public void A_value_the_enum_does_not_name_keeps_its_number_and_has_no_chinese_name()
    {
        Assert.Equal("99", EnumLabel.Of((Grade)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnumLabel.Chinese((Grade)99));
    }
}
