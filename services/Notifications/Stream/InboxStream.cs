using System.Collections.Concurrent;
using System.Threading.Channels;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Notifications.Data;
using Npgsql;

namespace Fenghuo.Notifications.Stream;

/// <summary>
/// Listens on Postgres for new inbox items (NOTIFY at the consumer's commit, whichever replica
/// consumed the event) and hands each one's id to the streams its user has open on this replica.
/// </summary>
public sealed class InboxStream(NpgsqlDataSource dataSource, ILogger<InboxStream> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Subscriber> subscribers = new();

    /// <summary>Whether this replica is listening; a stream opened before that could miss an item.</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Subscription Subscribe(string tenantCode, string username)
    {
        var subscriber = new Subscriber(tenantCode, username, Channel.CreateBounded<Guid>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        }));
        var id = Guid.NewGuid();
        subscribers[id] = subscriber;
        return new Subscription(subscriber.Items.Reader, () => subscribers.TryRemove(id, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await ChannelListener.ListenAsync(
                    dataSource, NotificationStore.Channel, stoppingToken, (_, e) => Dispatch(e.Payload));
                Listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await listener.Connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Lost the inbox notification listener; listening again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Dispatch(string payload)
    {
        var parts = payload.Split('/');
        if (parts.Length != 3 || !Guid.TryParse(parts[2], out var item))
        {
            return;
        }
        foreach (var subscriber in subscribers.Values.Where(s => s.TenantCode == parts[0] && s.Username == parts[1]))
        {
            subscriber.Items.Writer.TryWrite(item);
        }
    }

    private sealed record Subscriber(string TenantCode, string Username, Channel<Guid> Items);

    public sealed class Subscription(ChannelReader<Guid> items, Action end) : IDisposable
    {
        public ChannelReader<Guid> Items => items;

        public void Dispose() => end();
    }
}
