using MassTransit;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Every consumer's retry policy: a few quick retries for passing faults (a deadlock, a dropped
/// connection); an event that came before what it names (<see cref="NotKnownYetException"/>), or a
/// service database that cannot be reached, is tried again for minutes; then the error queue. Safe
/// because consumers are idempotent. The message stays unacknowledged on the broker while it is
/// retried, so a restart loses nothing.
/// </summary>
public sealed class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>About four minutes in all: long enough for a new service's directory to be filled or its database to be back, never a hot loop.</summary>
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
            // The quick retries are spent within seconds, a restarting PostgreSQL takes longer: with the outbox
            // relay publishing a backlog faster than it is applied, a queue holds hundreds of events when the
            // database goes, and each one in hand would otherwise end in the error queue, never applied.
            r.Handle<NpgsqlException>(e => e.IsTransient);
            r.Intervals(NotKnownYetIntervals);
        });
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<NotKnownYetException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
    }
}
