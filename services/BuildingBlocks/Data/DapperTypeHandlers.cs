using System.Data;
using Dapper;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// How records read what Dapper hands them. timestamptz arrives as a UTC DateTime and is read as
/// a DateTimeOffset. Enums are the exception Dapper allows no handler for: it parses a text column
/// with Enum.Parse(ignoreCase), so a query selects a lower_snake label without its underscores
/// (<c>replace(state, '_', '') as State</c>: false_alarm → FalseAlarm), and a store writes
/// <see cref="Contracts.EnumLabel.Of{TEnum}"/>.
/// </summary>
public static class DapperTypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        }
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset offset => offset,
            _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a DateTimeOffset"),
        };

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();
    }
}
