using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.Summaries.Domain;

namespace Fenghuo.Summaries.Apis;

/// <summary>The query every summary endpoint takes, checked field by field; bad fields answer a problem and read nothing.</summary>
public sealed record SummaryQuery(Period Period, string? Root, ExportFormat Format)
{
    public static (SummaryQuery? Query, List<FieldError> Errors) Parse(string? from, string? to, string? root, string? format, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var period = Period.ThisYear(now);
        var start = period.From;
        var end = period.To;
        if (from is not null && !Period.TryParseBound(from, end: false, out start))
        {
            errors.Add(new FieldError("from", "invalid", $"起始时间「{from}」无效，应为日期 (2026-01-01) 或带时区的时间", $"from '{from}' is not a date (2026-01-01) or a timestamp with an offset"));
        }
        if (to is not null && !Period.TryParseBound(to, end: true, out end))
        {
            errors.Add(new FieldError("to", "invalid", $"截止时间「{to}」无效，应为日期 (2026-12-31) 或带时区的时间", $"to '{to}' is not a date (2026-12-31) or a timestamp with an offset"));
        }
        if (errors.Count == 0 && end <= start)
        {
            errors.Add(new FieldError("to", "before_from", "截止时间须晚于起始时间", "to must be later than from"));
        }
        if (errors.Count == 0 && (end - start).TotalDays > Period.MaxDays)
        {
            errors.Add(new FieldError("to", "too_long", $"统计区间不得超过 {Period.MaxDays} 天", $"The period may not exceed {Period.MaxDays} days"));
        }
        if (root is not null && (root.Length is 0 or > 64 || !root.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            errors.Add(new FieldError("root", "invalid", $"辖区代码「{root}」无效", $"root '{root}' is not a jurisdiction code"));
        }
        var wanted = ExportFormat.Csv;
        if (format is not null && !EnumLabel.TryParse(format, out wanted))
        {
            errors.Add(new FieldError("format", "unknown", $"导出格式「{format}」无效，应为 xlsx 或 csv", $"format '{format}' must be xlsx or csv"));
        }
        return errors.Count > 0 ? (null, errors) : (new SummaryQuery(new Period(start, end), root, wanted), errors);
    }
}
