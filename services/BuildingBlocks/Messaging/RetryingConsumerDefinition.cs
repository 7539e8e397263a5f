using MassTransit;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Every consumer's retry policy: a few quick retries for passing faults (a deadlock, a dropped
/// connection), then redelivery later, then the error queue. Safe because consumers are idempotent.
/// </summary>
public sealed class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
    }
}
