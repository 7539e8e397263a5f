using Yarp.ReverseProxy.Forwarder;

namespace Fenghuo.Gateway.Routing;

/// <summary>
/// Logs every request YARP could not forward, with the failure and its exception, as an error of the
/// gateway's own: YARP reports them at a level the platform's log settings filter out (the 5xx then
/// reached the caller and nothing said why). The correlation id comes with the request's log scope.
/// </summary>
public sealed class ForwardingFailureLog(RequestDelegate next, ILogger<ForwardingFailureLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure)
        {
            return;
        }
        // A caller that went away mid-request gets no answer and needs none from an operator.
        var level = context.RequestAborted.IsCancellationRequested ? LogLevel.Information : LogLevel.Error;
        logger.Log(level, failure.Exception, "Forwarding {Method} {Path} failed ({ForwarderError}); answered {StatusCode}",
            context.Request.Method, context.Request.Path, failure.Error, context.Response.StatusCode);
    }
}
