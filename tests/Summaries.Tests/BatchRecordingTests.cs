using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Summaries.Messaging;
using Fenghuo.Summaries.Projection;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.Testing;
using MassTransit;
using Npgsql;
using RabbitMQ.Client;

namespace Fenghuo.Summaries.Tests;

/// <summary>
/// Recorders take their events in batches, one transaction each: every message is still applied once,
/// one that cannot be recorded ends in the error queue alone, and events that come while the database
/// refuses connections are recorded once it serves again. That such errors go to the long retry policy
/// rather than spend the quick retries is DatabaseUnavailableTests' rule and the chaos run's to show.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BatchRecordingTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_batch_redelivered_whole_or_mixed_with_new_messages_changes_nothing_twice()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        // The host's jurisdictions come as an event of their own: the overview below reads 晋城市's subtree.
        await Eventually.Value(() => host.OverviewAsync("jincheng"), o => o is not null, "summaries knows 晋城市");
        var (a, b, c) = (host.Reported("yangcheng"), host.Reported("chengqu"), host.Reported("chengqu"));
        // c's assessment comes before its report, in an earlier batch.
        var assessed = new ReceivedEvent(Guid.NewGuid(), new IncidentAssessed(AssessmentOutcome.Confirmed, Grade.Major, false, "II", "chengqu.duty")
        {
            OccurredAt = Now.AddMinutes(10), TenantCode = "chengqu", TenantPath = c.TenantPath, IncidentId = c.IncidentId, Number = c.Number,
            ReportUpwardDueAt = c.ReportUpwardDueAt,
        });
        var (ra, rb, rc) = (new ReceivedEvent(Guid.NewGuid(), a), new ReceivedEvent(Guid.NewGuid(), b), new ReceivedEvent(Guid.NewGuid(), c));

        Assert.Equal(2, await RecordAsync(host, ra, assessed));
        Assert.Equal(2, await RecordAsync(host, ra, rb, rc, assessed));
        Assert.Equal(0, await RecordAsync(host, ra, rb, rc, assessed));

        var subtree = (await host.OverviewAsync("jincheng"))!.Root.Subtree;
        Assert.Equal(3, subtree.Incidents.Total);
        Assert.Equal([("major", 1L), ("general", 2L)], subtree.Incidents.ByGrade.Where(g => g.Count > 0).Select(g => (g.Code, g.Count)).OrderBy(g => g.Code == "general").ToArray());
        await using (var connection = new NpgsqlConnection(host.AdminConnectionString))
        {
            Assert.Equal(4, await connection.ExecuteScalarAsync<long>("select count(*) from inbox where consumer = 'tests.batch'"));
            Assert.Equal(4, await connection.ExecuteScalarAsync<long>("select count(*) from event_log where event_id = any(@Ids)",
                new { Ids = new[] { a.EventId, b.EventId, c.EventId, assessed.Message.EventId } }));
        }
        var kept = await host.TalliesAsync();
        await host.RetallyAsync();
        Assert.Equal(kept, await host.TalliesAsync());
    }

    [Fact]
    public async Task An_event_that_cannot_be_recorded_ends_in_the_error_queue_alone_and_the_others_of_its_batch_are_recorded()
    {
        // A recorder that waits a second for more events takes all four below into one batch.
        using var logs = new CapturedLogs();
        await using var host = await SummariesHost.StartAsync(infrastructure, Now, recordingWait: TimeSpan.FromSeconds(1), logs);
        await using var errors = await ErrorQueue.OpenAsync(infrastructure.RabbitMqConnectionString, ErrorQueue.Of<IncidentReportedRecorder>());
        await errors.TakeAllAsync();
        // A tenant the read model does not know, with a path PostgreSQL refuses: its projection fails every time.
        var poisoned = host.Reported("yangcheng") with { TenantCode = "nowhere", TenantPath = "not a path!" };
        var poisonedId = Guid.NewGuid();
        var correlation = $"corr-{Guid.NewGuid():N}";

        await host.PublishAsync(host.Reported("yangcheng"));
        await host.Get<IBus>().Publish(poisoned, context =>
        {
            context.MessageId = poisonedId;
            context.Headers.Set(CorrelationId.HeaderName, correlation);
        });
        await host.PublishAsync(host.Reported("yangcheng"));
        await host.PublishAsync(host.Reported("yangcheng"));

        await Eventually.Value(() => host.OverviewAsync("yangcheng"), o => o?.Root.Own.Incidents.Total == 3, "the three good reports of the batch are recorded");
        var faulted = await Eventually.Value(errors.TakeAllAsync, ids => ids.Count > 0, "the poisoned report reaches the error queue after its retries");
        Assert.Equal([poisonedId], faulted);
        // The failure an operator reads names the message and the request that caused it.
        Assert.Contains(logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && l.Scopes.Contains($"message {poisonedId}", StringComparison.Ordinal) && l.Scopes.Contains($"correlation {correlation}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_that_come_while_the_database_refuses_connections_are_recorded_once_it_serves_and_none_ends_in_the_error_queue()
    {
        await using var host = await SummariesHost.StartAsync(infrastructure, Now);
        await using var errors = await ErrorQueue.OpenAsync(infrastructure.RabbitMqConnectionString, ErrorQueue.Of<IncidentReportedRecorder>());
        await errors.TakeAllAsync();
        var app = new NpgsqlConnectionStringBuilder(host.Get<TenantDatabase>().DataSource.ConnectionString).Username!;
        await using var admin = new NpgsqlConnection(host.AdminConnectionString);
        var reports = Enumerable.Range(0, 5).Select(_ => host.Reported("yangcheng")).ToList();
        var ids = new { Ids = reports.Select(r => r.EventId).ToArray() };
        // The host's jurisdictions are recorded before the outage, so what it holds back is the reports alone.
        await Eventually.Value(() => host.OverviewAsync("yangcheng"), o => o is not null, "summaries knows 阳城县");
        // As a server that is full or restarting answers: 53300 for every new connection, the pooled ones cut.
        await admin.ExecuteAsync($"alter role \"{app}\" connection limit 0");
        try
        {
            await admin.ExecuteAsync("select pg_terminate_backend(pid) from pg_stat_activity where usename = @App", new { App = app });
            foreach (var report in reports)
            {
                await host.PublishAsync(report);
            }
            // The service holds all five, unacknowledged, while it tries the database: none is left on the queue.
            await Eventually.Until(async () => await errors.ReadyOnAsync(Queue.Of<IncidentReportedRecorder>()) == 0,
                "the recorder has taken the five reports while the database refuses it");
            Assert.Equal(0, await admin.ExecuteScalarAsync<long>("select count(*) from event_log where event_id = any(@Ids)", ids));
        }
        finally
        {
            await admin.ExecuteAsync($"alter role \"{app}\" connection limit -1");
        }

        await Eventually.Until(async () => await admin.ExecuteScalarAsync<long>("select count(*) from event_log where event_id = any(@Ids)", ids) == 5,
            "every report is recorded once the database serves again", within: TimeSpan.FromSeconds(120));
        await Eventually.Value(() => host.OverviewAsync("yangcheng"), o => o?.Root.Own.Incidents.Total == 5, "阳城县's overview counts the five reports");
        Assert.Empty(await errors.TakeAllAsync());
    }

    /// <summary>A recorder's queue name on the test broker, as the service's endpoint formatter gives it.</summary>
    private static class Queue
    {
        public static string Of<TConsumer>() where TConsumer : class, IConsumer =>
            new KebabCaseEndpointNameFormatter("summaries", includeNamespace: false).Consumer<TConsumer>();
    }

    private static Task<int> RecordAsync(SummariesHost host, params ReceivedEvent[] received) =>
        host.Get<TenantDatabase>().InScopedTransactionAsync(TenantScope.None,
            session => host.Get<ReadModel>().RecordAsync(session, "tests.batch", received), CancellationToken.None);

    /// <summary>A recorder's error queue on the test broker, read from outside the service.</summary>
    private sealed class ErrorQueue(IConnection connection, IChannel channel, string name) : IAsyncDisposable
    {
        public static string Of<TConsumer>() where TConsumer : class, IConsumer => Queue.Of<TConsumer>() + "_error";

        public static async Task<ErrorQueue> OpenAsync(string connectionString, string name)
        {
            var connection = await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync();
            // MassTransit declares it at the first fault; declared here too, so it can be read before.
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
            return new ErrorQueue(connection, channel, name);
        }

        /// <summary>The message ids the queue holds, taken out of it.</summary>
        public async Task<IReadOnlyList<Guid>> TakeAllAsync()
        {
            var ids = new List<Guid>();
            while (await channel.BasicGetAsync(name, autoAck: true) is { } message)
            {
                ids.Add(Guid.Parse(message.BasicProperties.MessageId!));
            }
            return ids;
        }

        /// <summary>Messages waiting on <paramref name="queue"/> for a consumer to take them (not those taken and unacknowledged).</summary>
        public async Task<uint> ReadyOnAsync(string queue) => (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
