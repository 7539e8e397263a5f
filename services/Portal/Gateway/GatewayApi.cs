using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fenghuo.Contracts;
using Fenghuo.Portal.Session;

namespace Fenghuo.Portal.Gateway;

/// <summary>
/// The Fenghuo APIs through the gateway's public URL, as the signed-in user: every call carries
/// their access token, exactly as a script with their token would. Problems (RFC 9457) become
/// Chinese messages; a failure to reach the gateway becomes one too.
/// </summary>
public sealed class GatewayApi(IHttpClientFactory clients, PortalSession session, ILogger<GatewayApi> logger)
{
    public const string Client = "gateway";

    public Task<ApiAnswer<T>> GetAsync<T>(string path, CancellationToken ct = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<ApiAnswer<T>> PostAsync<T>(string path, object? body, CancellationToken ct = default, string? idempotencyKey = null) =>
        SendAsync<T>(HttpMethod.Post, path, body ?? new { }, ct, idempotencyKey);

    public async Task<ApiAnswer<byte[]>> DownloadAsync(string path, CancellationToken ct = default)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, null, null, ct);
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, ct);
            return response.IsSuccessStatusCode
                ? new ApiAnswer<byte[]>(response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct), null, NoFields)
                : await ProblemAsync<byte[]>(response, ct);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<byte[]>(e);
        }
    }

    public async Task<ApiAnswer<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, string? idempotencyKey = null)
    {
        using var request = await RequestAsync(method, path, body, idempotencyKey, ct);
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return await ProblemAsync<T>(response, ct);
            }
            var value = await response.Content.ReadFromJsonAsync<T>(FenghuoJson.Options, ct);
            return new ApiAnswer<T>(response.StatusCode, value, null, NoFields);
        }
        catch (HttpRequestException e)
        {
            return Unreachable<T>(e);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "{Method} {Path} answered a body the portal does not understand", method, path);
            return new ApiAnswer<T>(HttpStatusCode.BadGateway, default, "服务返回了无法识别的内容，请稍后重试。", NoFields);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await session.AccessTokenAsync(ct));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: FenghuoJson.Options);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    private ApiAnswer<T> Unreachable<T>(HttpRequestException e)
    {
        logger.LogWarning(e, "The gateway could not be reached");
        return new ApiAnswer<T>(HttpStatusCode.ServiceUnavailable, default, "暂时无法连接平台服务，请稍后重试。", NoFields);
    }

    private static async Task<ApiAnswer<T>> ProblemAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? title = null;
        string? correlationId = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!string.IsNullOrWhiteSpace(text))
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    correlationId = root.TryGetProperty("correlationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    if (root.TryGetProperty("fieldErrors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var error in errors.EnumerateArray())
                        {
                            var field = error.GetProperty("field").GetString() ?? string.Empty;
                            var message = error.GetProperty("message").GetString() ?? string.Empty;
                            fields[field] = fields.TryGetValue(field, out var earlier) ? $"{earlier}；{message}" : message;
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): the status alone says what happened.
        }
        // A failure inside a service is not the user's to understand: a plain sentence, and the id support can trace it by.
        if ((int)response.StatusCode >= 500 && response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
        {
            return new ApiAnswer<T>(response.StatusCode, default, ServerFailure(correlationId), fields);
        }
        return new ApiAnswer<T>(response.StatusCode, default, ChineseOf(title) ?? ByStatus(response.StatusCode), fields);
    }

    /// <summary>
    /// Problem titles are "中文 (English)"; the page shows the Chinese. A title with no Chinese in it
    /// (a framework's default, a proxy's) is no message for a duty officer: null, and the status speaks.
    /// </summary>
    public static string? ChineseOf(string? title)
    {
        if (string.IsNullOrWhiteSpace(title) || !title.Any(IsChinese))
        {
            return null;
        }
        var english = title.LastIndexOf(" (", StringComparison.Ordinal);
        return english > 0 && title.EndsWith(')') ? title[..english] : title;
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static string ServerFailure(string? correlationId) =>
        string.IsNullOrWhiteSpace(correlationId)
            ? "平台处理请求时出现问题，操作没有完成，请稍后重试。如多次出现，请联系平台管理员。"
            : $"平台处理请求时出现问题，操作没有完成，请稍后重试。如多次出现，请联系平台管理员并告知错误编号 {correlationId}。";

    private static string ByStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "登录已过期，请重新登录。",
        HttpStatusCode.Forbidden => "您的角色无权进行此操作。",
        HttpStatusCode.NotFound => "未找到，或您无权查看。",
        HttpStatusCode.TooManyRequests => "操作过于频繁，请稍后再试。",
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => "该服务暂不可用，请稍后重试。",
        _ => "操作未成功，请稍后重试。",
    };
}
