namespace Fenghuo.Contracts;

/// <summary>Dates users mean ("effective from today") are China Standard Time dates, whatever the server's zone.</summary>
public static class ShanghaiClock
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(this TimeProvider time) =>
        time.GetUtcNow().ShanghaiDate();

    public static DateOnly ShanghaiDate(this DateTimeOffset moment) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Zone).DateTime);
}
