using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Fenghuo.Gateway.Hardening;

/// <summary>
/// Refuses bodies over Gateway:MaxRequestBodyBytes with a 413 problem. A declared Content-Length is
/// refused before a byte is read; a chunked body is cut off by Kestrel when it passes the limit.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public const string Title = "请求内容过大 (Request body too large)";

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(limit).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);

        // A chunked body is only found too large while YARP copies it; YARP then answers a bare 413
        // with the response headers cleared. Answer it like the declared-length case instead.
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Headers[CorrelationId.HeaderName] = context.Request.Headers[CorrelationId.HeaderName];
            await TooLarge(limit).ExecuteAsync(context);
        }
    }

    public static IResult TooLarge(long limit) => Results.Problem(
        title: Title,
        detail: $"请求内容不得超过 {limit} 字节 (The body may not exceed {limit} bytes)",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        extensions: new Dictionary<string, object?> { ["code"] = "body_too_large", ["limitBytes"] = limit });
}
