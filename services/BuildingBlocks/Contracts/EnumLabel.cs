using System.Text.Json;

namespace Fenghuo.Contracts;

/// <summary>
/// The lower_snake label of an enum value, as the API and the database spell it (DevelopmentZone →
/// development_zone), and its Chinese name from its <see cref="ChineseAttribute"/>, as users read it.
/// </summary>
/// <remarks>
/// Both are worked out once per enum type and kept: a report reads several of them, and reading the
/// attribute by reflection on every call was about 2 % of the incidents service's CPU during intake.
/// A value the enum does not name (a cast integer) is worked out on each call, as before.
/// </remarks>
public static class EnumLabel
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Labels<TEnum>.Snake.TryGetValue(value, out var label) ? label : SnakeOf(value);

    public static string Chinese<TEnum>(TEnum value) where TEnum : struct, Enum =>
        (Labels<TEnum>.Chinese.TryGetValue(value, out var label) ? label : ChineseOf(value))
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name}.{value} has no Chinese name");

    public static bool TryParse<TEnum>(string? label, out TEnum value) where TEnum : struct, Enum
    {
        if (label is not null && Labels<TEnum>.BySnake.TryGetValue(label, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    private static string SnakeOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string? ChineseOf<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttributes(typeof(ChineseAttribute), false).OfType<ChineseAttribute>().FirstOrDefault()?.Label;

    private static class Labels<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyDictionary<TEnum, string> Snake;
        public static readonly IReadOnlyDictionary<TEnum, string?> Chinese;

        // The first value of the enum's order with the label wins, as when the values were tried in turn.
        public static readonly IReadOnlyDictionary<string, TEnum> BySnake;

        static Labels()
        {
            var snake = new Dictionary<TEnum, string>();
            var chinese = new Dictionary<TEnum, string?>();
            var bySnake = new Dictionary<string, TEnum>(StringComparer.Ordinal);
            foreach (var value in Enum.GetValues<TEnum>())
            {
                var label = SnakeOf(value);
                snake.TryAdd(value, label);
                chinese.TryAdd(value, ChineseOf(value));
                bySnake.TryAdd(label, value);
            }
            Snake = snake;
            Chinese = chinese;
            BySnake = bySnake;
        }
    }
}
