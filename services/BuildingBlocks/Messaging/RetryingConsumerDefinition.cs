using MassTransit;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Every consumer's retry policy: a few quick retries for passing faults (a deadlock, a dropped
/// connection); an event that came before what it names (<see cref="NotKnownYetException"/>) is
/// tried again for minutes; then the error queue. Safe because consumers are idempotent. The
/// message stays unacknowledged on the broker while it is retried, so a restart loses nothing.
/// </summary>
public sealed class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>About four minutes in all: long enough for a new service's directory to be filled, never a hot loop.</summary>
    public static readonly TimeSpan[] NotKnownYetIntervals =
        [.. new[] { 1, 2, 5, 10, 20, 30, 60, 60, 60 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<NotKnownYetException>();
            r.Intervals(NotKnownYetIntervals);
        });
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<NotKnownYetException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
    }
}
