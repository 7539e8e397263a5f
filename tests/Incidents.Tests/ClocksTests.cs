using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Tests;

/// <summary>The clocks each seed plan sets, against the plan texts.</summary>
public sealed class ClocksTests
{
    private static readonly DateTimeOffset OccurredAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RecordedAt = OccurredAt.AddMinutes(20);

    [Theory]
    [InlineData("yangcheng", Grade.Large, 30, false)]        // 002 §4.1: 较大 30 minutes after it happens
    [InlineData("yangcheng", Grade.Major, 15, true)]         // 002: 重大 immediately on learning of it
    [InlineData("jincheng", Grade.Large, 60, false)]         // 001: 较大 within an hour
    [InlineData("jincheng", Grade.Undetermined, 60, false)]  // 001: undetermined as 较大
    [InlineData("jincheng_energy", Grade.General, 60, false)]
    [InlineData("chengqu", Grade.General, 15, true)]         // 003 §3.1.3: every grade immediately
    [InlineData("xinzhou_edz", Grade.EspeciallyMajor, 15, true)]
    public void The_upward_report_is_due_by_the_plans_clock_for_the_grade(string tenant, Grade grade, int minutes, bool fromAwareness)
    {
        var clock = Clocks.ReportUpward(SeedRules.For(tenant), grade, tenant, hasParent: true, OccurredAt, RecordedAt);
        Assert.NotNull(clock);
        Assert.Equal((fromAwareness ? RecordedAt : OccurredAt).AddMinutes(minutes), clock.DueAt);
    }

    [Theory]
    [InlineData("jincheng", Grade.General)] // 001 sets no grade-specific clock for 一般
    [InlineData("yangcheng", Grade.General)]
    public void Grades_the_plan_sets_no_clock_for_get_none(string tenant, Grade grade) =>
        Assert.Null(Clocks.ReportUpward(SeedRules.For(tenant), grade, tenant, hasParent: true, OccurredAt, RecordedAt));

    [Fact]
    public void Nobody_above_means_no_upward_clock() =>
        Assert.Null(Clocks.ReportUpward(SeedRules.For("yangcheng"), Grade.Large, "yangcheng", hasParent: false, OccurredAt, RecordedAt));

    [Fact]
    public void Chengqu_answers_inquiries_within_30_minutes_and_others_by_the_platform_default()
    {
        var id = Guid.NewGuid();
        Assert.Equal(OccurredAt.AddMinutes(30), Clocks.InquiryAnswer(SeedRules.For("chengqu"), 60, "chengqu", OccurredAt, id).DueAt);
        var byDefault = Clocks.InquiryAnswer(SeedRules.For("yangcheng"), 60, "yangcheng", OccurredAt, id);
        Assert.Equal(OccurredAt.AddMinutes(60), byDefault.DueAt);
        Assert.Equal((DeadlineKind.InquiryAnswer, id), (byDefault.Kind, byDefault.InquiryId));
        Assert.Equal("平台默认：60 分钟内答复", byDefault.Source);
    }

    [Fact]
    public void Chengqu_wants_the_written_report_30_minutes_after_the_phone_call_and_yangcheng_sets_none()
    {
        Assert.Equal(OccurredAt.AddMinutes(30), Clocks.WrittenReport(SeedRules.For("chengqu"), "chengqu", OccurredAt)!.DueAt);
        Assert.Null(Clocks.WrittenReport(SeedRules.For("yangcheng"), "yangcheng", OccurredAt));
    }

    [Fact]
    public void The_zones_review_is_due_30_days_after_the_response_ends()
    {
        Assert.Equal(OccurredAt.AddDays(30), Clocks.Review(SeedRules.For("xinzhou_edz"), "xinzhou_edz", OccurredAt)!.DueAt);
        Assert.Null(Clocks.Review(SeedRules.For("jincheng"), "jincheng", OccurredAt));
    }
}
