using MassTransit;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Every consumer's retry policy: a few quick retries for passing faults (a deadlock, a serialization
/// failure); an event that came before what it names (<see cref="NotKnownYetException"/>), or a
/// service database that cannot be reached, is tried again for minutes; then the error queue. Safe
/// because consumers are idempotent. The message stays unacknowledged on the broker while it is
/// retried, so a restart loses nothing.
/// </summary>
public class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>About four minutes in all: long enough for a new service's directory to be filled or its database to be back, never a hot loop.</summary>
    public static readonly TimeSpan[] NotKnownYetIntervals =
        [.. new[] { 1, 2, 5, 10, 20, 30, 60, 60, 60 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    /// <summary>
    /// The service's database cannot serve for now: a dropped connection (Npgsql's transient network
    /// errors), or a server that is starting up, shutting down or out of connections (SQLSTATE classes
    /// 57P, 08, 53; a restarting PostgreSQL answers 57P03 for seconds). A deadlock or a serialization
    /// failure is passing and stays with the quick retries; any other error from the database (a
    /// constraint, a bad statement) is not waited out.
    /// </summary>
    public static bool DatabaseUnavailable(NpgsqlException e) =>
        e switch
        {
            PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                || p.SqlState.StartsWith("08", StringComparison.Ordinal)
                || p.SqlState.StartsWith("53", StringComparison.Ordinal),
            _ => e.IsTransient,
        };

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<NotKnownYetException>();
            // A restarting PostgreSQL takes longer than the quick retries: with the outbox relay publishing a
            // backlog faster than it is applied, a queue holds hundreds of events when the database goes, and
            // each one in hand would otherwise end in the error queue, never applied.
            r.Handle<NpgsqlException>(DatabaseUnavailable);
            r.Intervals(NotKnownYetIntervals);
        });
        endpointConfigurator.UseMessageRetry(r =>
        {
            // What the outer policy waits out goes straight to it: spent here first, the quick retries left
            // the message to the error queue, not to the outer policy (a chaos run lost 15 events that way).
            r.Ignore<NotKnownYetException>();
            r.Ignore<NpgsqlException>(DatabaseUnavailable);
            r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
        });
    }
}
