using Fenghuo.Contracts.Tenancy;
using RabbitMQ.Client;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// A queue of the test's own bound to the probe event's publish exchange: it receives the messages in
/// the order the broker took them, and, made short with reject-publish, makes the broker refuse (nack)
/// every publish once it is full.
/// </summary>
public sealed class BrokerQueue : IAsyncDisposable
{
    // MassTransit's publish exchange for the event: its full name, namespace and type split by a colon.
    private static readonly string Exchange = $"{typeof(JurisdictionOnboarded).Namespace}:{nameof(JurisdictionOnboarded)}";

    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string name = $"test-{Guid.NewGuid():N}";

    private BrokerQueue(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <param name="refuseBeyond">When given, the queue holds this many messages and the broker refuses the next ones.</param>
    public static async Task<BrokerQueue> BindAsync(string connectionString, int? refuseBeyond = null)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = new BrokerQueue(connection, channel);
        var arguments = refuseBeyond is { } length
            ? new Dictionary<string, object?> { ["x-max-length"] = length, ["x-overflow"] = "reject-publish" }
            : null;
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue.name, durable: false, exclusive: false, autoDelete: false, arguments);
        await channel.QueueBindAsync(queue.name, Exchange, "");
        return queue;
    }

    /// <summary>The message ids the queue holds, first in first, taken out of it.</summary>
    public async Task<IReadOnlyList<Guid>> TakeAllAsync()
    {
        var ids = new List<Guid>();
        while (await channel.BasicGetAsync(name, autoAck: true) is { } message)
        {
            ids.Add(Guid.Parse(message.BasicProperties.MessageId!));
        }
        return ids;
    }

    public async Task DeleteAsync() => await channel.QueueDeleteAsync(name);

    public async ValueTask DisposeAsync()
    {
        if (channel.IsOpen)
        {
            await channel.QueueDeleteAsync(name);
        }
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
