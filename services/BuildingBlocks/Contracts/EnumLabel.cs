using System.Text.Json;

namespace Fenghuo.Contracts;

/// <summary>
/// The lower_snake label of an enum value, as the API and the database spell it (DevelopmentZone →
/// development_zone), and its Chinese name from its <see cref="ChineseAttribute"/>, as users read it.
/// </summary>
public static class EnumLabel
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string Chinese<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttributes(typeof(ChineseAttribute), false).OfType<ChineseAttribute>().FirstOrDefault()?.Label
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name}.{value} has no Chinese name");

    public static bool TryParse<TEnum>(string? label, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), label, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
