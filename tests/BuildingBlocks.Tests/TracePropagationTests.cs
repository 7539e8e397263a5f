using System.Diagnostics;
using Fenghuo.Testing;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class TracePropagationTests(PlatformInfrastructure infrastructure)
{
    private const string RequestSource = "Fenghuo.Tests.Request";

    private static readonly ActivitySource Request = new(RequestSource);

    [Fact]
    public async Task A_consumer_applies_an_event_inside_the_trace_of_the_request_that_recorded_it()
    {
        // What an OpenTelemetry exporter does in a service: listen, so spans exist and carry their context.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Fenghuo" or "MassTransit" or RequestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxtrace");

        var reported = MessagingHost.NewEvent();
        string traceId;
        using (var request = Request.StartActivity("county report", ActivityKind.Server)!)
        {
            traceId = request.TraceId.ToHexString();
            await host.EnqueueAsync(reported);
        }
        var untraced = MessagingHost.NewEvent();
        await host.EnqueueAsync(untraced);

        await Eventually.Until(async () => await host.EffectsOfAsync(untraced.EventId) == 1 && await host.EffectsOfAsync(reported.EventId) == 1,
            "the events were not applied");
        Assert.Equal([traceId], await host.TracesOfAsync(reported.EventId));
        Assert.NotEqual([traceId], await host.TracesOfAsync(untraced.EventId));
    }
}
