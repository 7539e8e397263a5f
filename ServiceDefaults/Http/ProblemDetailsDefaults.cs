using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.ServiceDefaults.Http;

public static class ProblemDetailsDefaults
{
    /// <summary>RFC 9457 problem details for every error, carrying the correlation id so a user's report can be traced.</summary>
    public static IHostApplicationBuilder AddProblemDetailsDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var id = ctx.HttpContext.Response.Headers[CorrelationId.HeaderName].ToString();
            if (!string.IsNullOrEmpty(id))
            {
                ctx.ProblemDetails.Extensions["correlationId"] = id;
            }
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
        });
        builder.Services.AddValidation();
        builder.Services.AddExceptionHandler<RequestBodyProblemHandler>();
        // Outside Development a parameter that cannot be bound ends the request with a bare 400; thrown, it reaches
        // RequestBodyProblemHandler in every environment and is answered with the parameter's field error.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }
}
