namespace Fenghuo.Portal.Session;

/// <summary>What a user types into a date-time field is China time (ShanghaiClock's zone), whatever the server's zone.</summary>
public static class ChinaClock
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset FromWallClock(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>The moment as a China wall clock shows it, to the minute, for a form's initial value.</summary>
    public static DateTime WallClock(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Zone).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }
}
