using Fenghuo.Contracts.Incidents;
using RabbitMQ.Client;

namespace Fenghuo.Outbox.Bench;

/// <summary>
/// A durable queue bound to the event's exchange, standing for a consumer's queue: the broker confirms
/// a persistent message only once this queue has it on disk, as it would for the platform's queues.
/// </summary>
internal sealed class Sink(IConnection connection, IChannel channel) : IAsyncDisposable
{
    private const string Queue = "outbox-bench-sink";

    public static async Task<Sink> BindAsync(string connectionString)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // MassTransit's name and kind for the event's publish exchange.
        var exchange = $"{typeof(IncidentReported).Namespace}:{nameof(IncidentReported)}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(Queue, exchange, "");
        return new Sink(connection, channel);
    }

    /// <returns>How many messages the queue held.</returns>
    public async Task<long> PurgeAsync() => await channel.QueuePurgeAsync(Queue);

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
