using Fenghuo.Gateway.Hardening;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fenghuo.Gateway.Tests;

public sealed class RequestBodyLimitTests
{
    [Fact]
    public async Task A_declared_body_over_the_limit_is_refused_without_reaching_the_service()
    {
        var reached = false;
        var context = Context(contentLength: 1001);

        await Middleware(_ => { reached = true; return Task.CompletedTask; }, limit: 1000).InvokeAsync(context);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_body_at_the_limit_goes_through()
    {
        var reached = false;
        var context = Context(contentLength: 1000);

        await Middleware(_ => { reached = true; return Task.CompletedTask; }, limit: 1000).InvokeAsync(context);

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_cut_off_while_proxying_gets_the_same_answer()
    {
        var context = Context(contentLength: null);
        context.Request.Headers["X-Correlation-Id"] = "gw-1";

        await Middleware(c => { c.Response.StatusCode = StatusCodes.Status413PayloadTooLarge; return Task.CompletedTask; }, limit: 1000)
            .InvokeAsync(context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("gw-1", context.Response.Headers["X-Correlation-Id"]);
    }

    private static RequestBodyLimitMiddleware Middleware(RequestDelegate next, long limit) =>
        new(next, Options.Create(new GatewayOptions { MaxRequestBodyBytes = limit }));

    private static DefaultHttpContext Context(long? contentLength)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Request.Method = "POST";
        context.Request.ContentLength = contentLength;
        context.Response.Body = new MemoryStream();
        return context;
    }
}
