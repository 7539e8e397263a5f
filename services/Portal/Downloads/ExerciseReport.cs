using System.Net.Http.Headers;
using Fenghuo.Portal.Gateway;
using Fenghuo.Portal.Session;

namespace Fenghuo.Portal.Downloads;

/// <summary>
/// 演练总结报告: the exercises API's printable Chinese page, fetched with the user's token (which
/// stays on the server) and shown as it is, so the browser prints it on A4.
/// </summary>
public static class ExerciseReport
{
    public static IEndpointRouteBuilder MapExerciseReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/downloads/exercises/{id:guid}/report", ReportAsync);
        return app;
    }

    private static async Task<IResult> ReportAsync(Guid id, HttpContext http, PortalSession session, IHttpClientFactory clients, CancellationToken ct)
    {
        string token;
        try
        {
            token = await session.AccessTokenAsync(http.User, ct);
        }
        catch (SessionExpiredException)
        {
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString($"/exercises/{id}")}");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/exercises/{id}/report?format=html");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await clients.CreateClient(GatewayApi.Client).SendAsync(request, ct);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return Results.Content(await response.Content.ReadAsStringAsync(ct), "text/html; charset=utf-8", System.Text.Encoding.UTF8);
        }
        return status switch
        {
            404 => Page(id, "未找到该演练", "该演练不存在，或您无权查看。", status),
            502 or 503 => Page(id, "演练服务暂不可用", "平台的演练服务尚未上线或暂时不可用，请稍后重试。", StatusCodes.Status503ServiceUnavailable),
            _ => Page(id, "报告暂时无法打开", "生成演练总结报告时出现问题，请稍后重试。", status),
        };
    }

    private static IResult Page(Guid id, string title, string message, int status) => Results.Content(
        $"""<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{title} · 烽火</title><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto"><h1>{title}</h1><p>{message}</p><p><a href="/exercises/{id}">返回演练</a></p></body></html>""",
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
