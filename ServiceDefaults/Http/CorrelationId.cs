namespace Fenghuo.ServiceDefaults.Http;

public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";

    private static readonly AsyncLocal<string?> CurrentValue = new();

    /// <summary>The correlation id of the request or message being handled on this flow, if any.</summary>
    public static string? Current
    {
        get => CurrentValue.Value;
        set => CurrentValue.Value = value;
    }

    /// <summary>Accepts a caller's id only when it is short and plain, so it is safe to log and forward.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
