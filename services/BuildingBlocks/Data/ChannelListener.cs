using System.Data;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// A pooled connection LISTENing on one channel. The pool does not reset a session it takes back
/// (<c>NoResetOnClose</c>), so disposing the listener gives the channel back first: otherwise the
/// next user of the connection would keep receiving the channel's notifications it never reads.
/// </summary>
public sealed class ChannelListener : IAsyncDisposable
{
    private ChannelListener(NpgsqlConnection connection) => Connection = connection;

    /// <summary>The listening connection: wait on it for notifications, or use it between waits.</summary>
    public NpgsqlConnection Connection { get; }

    /// <param name="onNotification">Attached before LISTEN, so no notification after it is missed.</param>
    public static async Task<ChannelListener> ListenAsync(
        NpgsqlDataSource dataSource, string channel, CancellationToken ct, NotificationEventHandler? onNotification = null)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            if (onNotification is not null)
            {
                connection.Notification += onNotification;
            }

            await using var listen = new NpgsqlCommand($"listen {channel}", connection);
            await listen.ExecuteNonQueryAsync(ct);
            return new ChannelListener(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Connection.FullState == ConnectionState.Open)
            {
                await using var unlisten = new NpgsqlCommand("unlisten *", Connection);
                await unlisten.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The connection broke: the pool discards it instead of handing it out again.
        }
        finally
        {
            await Connection.DisposeAsync();
        }
    }
}
