using Fenghuo.BuildingBlocks.Messaging;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// A consumer waits out its database being away (minutes of retries) instead of sending the events
/// in hand to the error queue after its few quick retries; an error that waiting cannot cure is not
/// waited out.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData("57P03", "the database system is not yet accepting connections")]
    [InlineData("57P01", "terminating connection due to administrator command")]
    [InlineData("57P02", "terminating connection due to crash of another server process")]
    [InlineData("08006", "connection failure")]
    [InlineData("53300", "sorry, too many clients already")]
    public void A_server_that_is_restarting_or_full_is_waited_for(string sqlState, string message) =>
        Assert.True(RetryingConsumerDefinition<ProbeConsumer>.DatabaseUnavailable(new PostgresException(message, "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_dropped_connection_is_waited_for() =>
        Assert.True(RetryingConsumerDefinition<ProbeConsumer>.DatabaseUnavailable(
            new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"))));

    [Theory]
    [InlineData("23505", "duplicate key value violates unique constraint")]
    [InlineData("42P01", "relation does not exist")]
    [InlineData("22P02", "invalid input syntax for type uuid")]
    [InlineData("40P01", "deadlock detected")]
    public void An_error_in_what_was_asked_or_a_passing_conflict_is_not_waited_out(string sqlState, string message) =>
        Assert.False(RetryingConsumerDefinition<ProbeConsumer>.DatabaseUnavailable(new PostgresException(message, "ERROR", "ERROR", sqlState)));
}
