using System.Diagnostics;
using Dapper;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// The deadline scheduler on the service's clock: the test moves a fake clock past a deadline
/// and watches the real database and broker, instead of sleeping for half an hour.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class DeadlineSchedulerTests(PlatformInfrastructure infrastructure)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_passed_deadline_is_marked_missed_within_a_second_and_announced_exactly_once()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // PostgreSQL keeps microseconds, not ticks
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, start);
        var plan = SeedRules.For("yangcheng");
        var occurredAt = start.AddMinutes(-5);
        var id = await Reported.LargeDataLeakAsync(host, plan, occurredAt);
        var due = occurredAt.AddMinutes(30); // 002 §4.1: 较大 within 30 minutes of occurrence

        var deadline = Assert.Single((await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Deadlines);
        Assert.Equal(due.UtcDateTime, deadline.DueAt);
        Assert.Equal("due", deadline.Status);

        // Ten minutes before (the default lead): DeadlineApproaching, and the clock still runs.
        host.Clock.AdvanceTo(due.AddMinutes(-10).AddSeconds(1));
        await EventuallyAsync(() => DeadlineProbe.Approaching.Any(a => a.IncidentId == id), "DeadlineApproaching was not published");
        Assert.Equal("due", await StatusAsync(host, id));

        host.Clock.AdvanceTo(due.AddSeconds(1));
        var passed = Stopwatch.StartNew();
        await EventuallyAsync(async () => await StatusAsync(host, id) == "missed", "the deadline was not marked missed");
        Assert.True(passed.Elapsed < TimeSpan.FromSeconds(1), $"marked missed {passed.ElapsedMilliseconds} ms after it passed");

        // Later scans must not announce the same miss again.
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await EventuallyAsync(() => DeadlineProbe.Missed.Any(m => m.IncidentId == id), "DeadlineMissed was not delivered");
        await EventuallyAsync(async () => await UnsentAsync(host) == 0, "the outbox did not drain");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // a duplicate, had there been one, arrives with the same relay pass
        var missed = Assert.Single(DeadlineProbe.Missed, m => m.IncidentId == id);
        Assert.Equal(DeadlineKind.ReportUpward, missed.Kind);
        Assert.Equal("yangcheng", missed.OwedBy);
        Assert.Equal(due, missed.DueAt);
        Assert.Single(DeadlineProbe.Approaching, a => a.IncidentId == id);

        var record = (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!;
        Assert.Single(record.Timeline, t => t.Act == "deadline_missed");
    }

    [Fact]
    public async Task A_deadline_met_in_time_is_never_reported_missed()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()); // PostgreSQL keeps microseconds, not ticks
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, start);
        var plan = SeedRules.For("yangcheng");
        var id = await Reported.LargeDataLeakAsync(host, plan, start.AddMinutes(-5));

        await host.Get<BuildingBlocks.Data.TenantDatabase>().InTransactionAsync(new BuildingBlocks.Data.TenantScope("yangcheng", Reported.YangchengPath),
            s => host.Get<Data.IncidentStore>().MeetDeadlineAsync(s, id, DeadlineKind.ReportUpward, null, host.Clock.GetUtcNow()), CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(2));
        host.Clock.Advance(TimeSpan.FromHours(2));
        await EventuallyAsync(async () => await UnsentAsync(host) == 0, "the outbox did not drain");

        Assert.Equal("met", await StatusAsync(host, id));
        Assert.DoesNotContain(DeadlineProbe.Missed, m => m.IncidentId == id);
    }

    private static async Task<string> StatusAsync(IncidentsHost host, Guid id) =>
        Assert.Single((await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Deadlines).Status;

    private static async Task<int> UnsentAsync(IncidentsHost host)
    {
        await using var connection = new NpgsqlConnection(host.Database.MigrationsConnectionString);
        return await connection.ExecuteScalarAsync<int>("select count(*) from outbox where sent_at is null");
    }

    private static Task EventuallyAsync(Func<bool> condition, string failure) => EventuallyAsync(() => Task.FromResult(condition()), failure);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Soon, failure);
            await Task.Delay(20);
        }
    }
}
