using System.Net.Http.Headers;
using Fenghuo.Portal.Gateway;
using Fenghuo.Portal.Session;

namespace Fenghuo.Portal.Downloads;

/// <summary>
/// 汇总导出: the summaries API's XLSX or CSV, fetched with the user's token and handed to the browser
/// as a file. A plain link, so the browser's own download handling (and WPS or Excel) takes over.
/// </summary>
public static class SummaryExport
{
    private static readonly Dictionary<string, (string ContentType, string FileName)> Formats = new()
    {
        ["xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "烽火汇总.xlsx"),
        ["csv"] = ("text/csv; charset=utf-8", "烽火汇总.csv"),
    };

    public static IEndpointRouteBuilder MapSummaryExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/downloads/summaries", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(string? format, string? from, string? to, string? root, HttpContext http, PortalSession session, IHttpClientFactory clients, CancellationToken ct)
    {
        if (format is null || !Formats.TryGetValue(format, out var file))
        {
            return Page("导出格式不正确", "请选择 XLSX 或 CSV。", StatusCodes.Status400BadRequest);
        }
        string token;
        try
        {
            token = await session.AccessTokenAsync(http.User, ct);
        }
        catch (SessionExpiredException)
        {
            return Results.Redirect("/signin?returnUrl=%2Fsummaries");
        }
        // The page's period and root go along as they are; the API checks them and answers a problem if bad.
        var query = string.Concat(new[] { ("from", from), ("to", to), ("root", root) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"&{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/summaries/export?format={format}{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await clients.CreateClient(GatewayApi.Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            return status is 404 or 502 or 503
                ? Page("汇总服务暂未开通", "平台的汇总服务尚未上线或暂时不可用，暂不能导出。", StatusCodes.Status503ServiceUnavailable)
                : status == 400
                    ? Page("导出未成功", "统计区间或辖区不正确，请返回汇总页重新选择。", status)
                    : Page("导出未成功", "您的角色可能无权导出汇总，或服务暂时出错。请稍后重试。", status);
        }
        http.Response.RegisterForDispose(response);
        return Results.Stream(await response.Content.ReadAsStreamAsync(ct), file.ContentType, file.FileName);
    }

    private static IResult Page(string title, string message, int status) => Results.Content(
        $"""<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{title} · 烽火</title><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto"><h1>{title}</h1><p>{message}</p><p><a href="/summaries">返回汇总</a></p></body></html>""",
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
