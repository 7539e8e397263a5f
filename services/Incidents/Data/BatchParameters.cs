using Npgsql;
using NpgsqlTypes;

namespace Fenghuo.Incidents.Data;

/// <summary>Typed positional parameters for batch commands ($1, $2, …), which take no names.</summary>
internal static class BatchParameters
{
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter<string[]> Texts(IReadOnlyList<string> values) => new() { TypedValue = [.. values] };

    public static NpgsqlParameter<Guid> Id(Guid value) => new() { TypedValue = value };

    public static NpgsqlParameter OptionalId(Guid? value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter<int> Int(int value) => new() { TypedValue = value };

    public static NpgsqlParameter<bool> Bool(bool value) => new() { TypedValue = value };

    // timestamptz takes UTC only; a time read from a form may carry its offset.
    public static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    public static NpgsqlParameter Jsonb(string json) => new NpgsqlParameter<string> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb };
}
