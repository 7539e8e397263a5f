using Fenghuo.Gateway.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Fenghuo.Gateway.Tests;

public sealed class ForwardingFailureLogTests
{
    [Fact]
    public async Task A_request_the_gateway_could_not_forward_is_logged_as_an_error_with_its_exception()
    {
        var logger = new RecordingLogger();
        var cause = new HttpRequestException("Connection refused (incidents-api)");
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/incidents";

        await new ForwardingFailureLog(c =>
        {
            c.Features.Set<IForwarderErrorFeature>(new Failure(ForwarderError.Request, cause));
            c.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        }, logger).InvokeAsync(context);

        var (level, message, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Same(cause, exception);
        Assert.Contains("POST /api/incidents", message);
        Assert.Contains("Request", message);
        Assert.Contains("502", message);
    }

    [Fact]
    public async Task A_forwarded_request_logs_nothing()
    {
        var logger = new RecordingLogger();

        await new ForwardingFailureLog(c => { c.Response.StatusCode = StatusCodes.Status201Created; return Task.CompletedTask; }, logger)
            .InvokeAsync(new DefaultHttpContext());

        Assert.Empty(logger.Entries);
    }

    private sealed record Failure(ForwarderError Error, Exception? Exception) : IForwarderErrorFeature;

    private sealed class RecordingLogger : ILogger<ForwardingFailureLog>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
