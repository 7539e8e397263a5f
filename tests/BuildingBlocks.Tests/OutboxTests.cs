using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class OutboxTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task An_event_recorded_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxoutage");
        var warmUp = MessagingHost.NewEvent();
        await host.EnqueueAsync(warmUp);
        await Eventually.Until(async () => await host.EffectsOfAsync(warmUp.EventId) == 1, "the warm-up event was not applied");

        await infrastructure.StopBrokerAsync();
        var duringOutage = MessagingHost.NewEvent();
        try
        {
            await host.EnqueueAsync(duringOutage);
            // Two refusals after the event was recorded: the second attempt began after it committed, so it tried this row.
            var pausesBefore = host.RelayPauses;
            await Eventually.Until(() => host.RelayPauses >= pausesBefore + 2, "the relay did not try to publish while the broker was down");
            Assert.False(await host.IsSentAsync(duringOutage.EventId));
            Assert.Equal(0, await host.EffectsOfAsync(duringOutage.EventId));
        }
        finally
        {
            await infrastructure.StartBrokerAsync();
        }

        await Eventually.Until(async () => await host.EffectsOfAsync(duringOutage.EventId) == 1, "the event recorded during the outage was not applied",
            TimeSpan.FromSeconds(120));
        Assert.True(await host.IsSentAsync(duringOutage.EventId));
    }

    [Fact]
    public async Task An_event_whose_transaction_rolls_back_is_never_published()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxrollback");
        var abandoned = MessagingHost.NewEvent();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Tenants.InTransactionAsync(TenantScope.None, async session =>
            {
                await host.Outbox.EnqueueAsync(session, abandoned);
                throw new InvalidOperationException("the change failed after its event was recorded");
            }, CancellationToken.None));

        var committed = MessagingHost.NewEvent();
        await host.EnqueueAsync(committed);
        await Eventually.Until(async () => await host.EffectsOfAsync(committed.EventId) == 1, "the committed event was not applied");
        Assert.Equal(0, await host.EffectsOfAsync(abandoned.EventId));
    }

    [Fact]
    public async Task While_another_relay_leads_none_is_published_and_when_its_session_ends_the_relay_takes_over_and_delivers_each_event_once()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxleader");
        var first = MessagingHost.NewEvent();
        await host.EnqueueAsync(first);
        await Eventually.Until(async () => await host.EffectsOfAsync(first.EventId) == 1, "the first event was not applied");

        // One relay leads, by a lock its session holds. That session ends, as in a crash of its process or connection,
        // and another relay (this connection) takes the lead first.
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString)
        {
            Database = host.Database.Name,
        }.ConnectionString);
        await admin.OpenAsync();
        var (key, leader) = Assert.Single(await admin.QueryAsync<(long Key, int Pid)>("""
            select (classid::bigint << 32) | objid::bigint, pid from pg_locks
            where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())
            """));
        // The relay reconnects a moment after its session ends; should it lead again first, its new session ends too.
        await Eventually.Until(async () =>
        {
            await admin.ExecuteAsync("""
                select pg_terminate_backend(pid) from pg_locks
                where locktype = 'advisory' and granted and pid <> pg_backend_pid() and (classid::bigint << 32) | objid::bigint = @key
                """, new { key });
            return await admin.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@key)", new { key });
        }, "this connection did not take the lead");
        var waiting = MessagingHost.NewEvent();
        await host.EnqueueAsync(waiting);
        // The relay is back and has tried to lead: it reads no row while it does not.
        await Eventually.Until(async () => await admin.ExecuteScalarAsync<bool>("""
            select exists (select from pg_stat_activity where datname = current_database() and pid not in (@leader, pg_backend_pid())
                           and query like '%pg_try_advisory_lock%')
            """, new { leader }), "the relay did not come back to take the lead");
        Assert.Equal(0, await host.EffectsOfAsync(waiting.EventId));
        Assert.False(await host.IsSentAsync(waiting.EventId));

        await admin.ExecuteAsync("select pg_advisory_unlock(@key)", new { key });
        await Eventually.Until(() => host.IsSentAsync(waiting.EventId), "the relay did not take the lead over", TimeSpan.FromSeconds(60));
        await Eventually.Until(async () => await host.EffectsOfAsync(waiting.EventId) == 1, "the event was not applied");
        Assert.Equal(1, await host.EffectsOfAsync(first.EventId));
    }

    [Fact]
    public async Task A_commit_wakes_its_own_process_relay_in_memory_while_that_relay_leads_and_through_PostgreSQL_otherwise()
    {
        await using var host = await MessagingHost.StartAsync(infrastructure, "outboxwake");
        var warmUp = MessagingHost.NewEvent();
        await host.EnqueueAsync(warmUp);
        await Eventually.Until(async () => await host.EffectsOfAsync(warmUp.EventId) == 1, "the warm-up event was not applied");
        // What reaches the relays' channel from now on, in commit order.
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var listening = await ChannelListener.ListenAsync(host.Tenants.DataSource, Messaging.Outbox.NotifyChannel, CancellationToken.None,
            (_, e) => heard.Enqueue(e.Payload));

        var inMemory = MessagingHost.NewEvent();
        await host.RecordAndWakeAsync(inMemory, host.Wake);
        await Eventually.Until(async () => await host.EffectsOfAsync(inMemory.EventId) == 1, "the event woken in memory was not applied");
        // Notifications arrive in commit order: had the wake-up gone through PostgreSQL, it would be heard before this one.
        await HearAsync(listening.Connection, heard, "first");
        Assert.Equal(["first"], heard);

        // A process whose relay does not lead (a wake made here, standing for another replica's) wakes the leader through PostgreSQL.
        var elsewhere = new OutboxWake(host.Tenants.DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxWake>.Instance);
        var notified = MessagingHost.NewEvent();
        await host.RecordAndWakeAsync(notified, elsewhere);
        await Eventually.Until(async () => await host.EffectsOfAsync(notified.EventId) == 1, "the event woken through PostgreSQL was not applied");
        await HearAsync(listening.Connection, heard, "second");
        Assert.Equal(["first", "", "second"], heard);
    }

    /// <summary>Sends a notification of its own on the relays' channel and waits until <paramref name="listener"/> has heard it.</summary>
    private static async Task HearAsync(NpgsqlConnection listener, System.Collections.Concurrent.ConcurrentQueue<string> heard, string marker)
    {
        await listener.ExecuteAsync("select pg_notify(@Channel, @Marker)", new { Channel = Messaging.Outbox.NotifyChannel, Marker = marker });
        await Eventually.Until(async () =>
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(100));
            return heard.Contains(marker);
        }, $"the notification {marker} was not heard");
    }
}
