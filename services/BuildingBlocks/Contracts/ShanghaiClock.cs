namespace Fenghuo.Contracts;

/// <summary>Dates and times users mean ("effective from today", "due at 14:30") are China Standard Time, whatever the server's zone.</summary>
public static class ShanghaiClock
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(this TimeProvider time) =>
        time.GetUtcNow().ShanghaiDate();

    public static DateOnly ShanghaiDate(this DateTimeOffset moment) =>
        DateOnly.FromDateTime(moment.ShanghaiTime().DateTime);

    /// <summary>The moment as a clock in China shows it, for times written into Chinese text.</summary>
    public static DateTimeOffset ShanghaiTime(this DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);
}
