using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fenghuo.ServiceDefaults.Http;

/// <summary>Takes the caller's X-Correlation-Id (or makes one), echoes it, and puts it in every log line of the request.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var id = CorrelationId.IsAcceptable(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.Request.Headers[CorrelationId.HeaderName] = id;
        context.Response.Headers[CorrelationId.HeaderName] = id;
        CorrelationId.Current = id;
        using (logger.BeginScope("correlation {CorrelationId}", id))
        {
            await next(context);
        }
    }
}
