using Fenghuo.BuildingBlocks.Messaging;
using MassTransit;

namespace Fenghuo.Summaries.Messaging;

/// <summary>
/// A recorder's endpoint: the platform's retry policy, each message retried on its own, and the
/// messages collected into batches of up to <see cref="SummariesOptions.RecordingBatch"/>, a batch
/// recorded once that many are in or <see cref="SummariesOptions.RecordingWait"/> after its first.
/// </summary>
public sealed class RecordingConsumerDefinition<TConsumer> : RetryingConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
        var options = context.GetRequiredService<SummariesOptions>();
        // A batch fills only from messages the endpoint holds at once: as many as a batch takes. They only
        // wait in memory for their batch; one batch per endpoint runs at a time.
        endpointConfigurator.ConcurrentMessageLimit = options.RecordingBatch;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = options.RecordingBatch;
        }
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.RecordingBatch)
            .SetTimeLimit(options.RecordingWait)
            .SetConcurrencyLimit(1));
    }
}

public static class RecordingRegistration
{
    /// <summary>Registers a recorder with its batches and the platform's retry policy.</summary>
    public static IBusRegistrationConfigurator AddRecorder<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        bus.AddConsumer<TConsumer, RecordingConsumerDefinition<TConsumer>>();
        return bus;
    }
}
