using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Data;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// An act begins its transaction in the round trip of its lock and commits it in that of its writes with its
/// audit entry and the re-read of the record, so a county's burst of follow-ups costs the database two round
/// trips an act. Counted from what Npgsql sends (its tracing: one activity per command or batch); an act holds
/// no NpgsqlTransaction, whose BEGIN and COMMIT the tracing would not show, so BEGIN and COMMIT are statements
/// of those round trips, and seen there.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ActRoundTripTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task A_follow_up_starting_the_response_and_a_refused_act_send_the_lock_with_begin_and_one_batch_ending_in_commit_and_escalating_one_read_more()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var acts = host.Get<ResponseActs>();
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        // The first act on the incident reads its plan version, which this process then keeps (intake keeps it for the reporting county).
        await acts.FollowUpAsync(duty, id, new FollowUpRequest("已启动应急处置。", "progress"), null, default);

        var (followUp, followUpSent) = await SentAsync(() => acts.FollowUpAsync(duty, id, new FollowUpRequest("已隔离受影响的服务器。", "written_report"), null, default));
        AssertBegunAndCommitted(followUpSent, 2);
        Assert.Equal(("followup", "已隔离受影响的服务器。"), (followUp.Record!.Timeline.Entries[^1].Act, followUp.Record.Timeline.Entries[^1].Summary));

        await acts.AssessAsync(duty, id, new AssessmentRequest("confirmed", "large", false), default);
        var director = await Callers.AsAsync(host, "yangcheng", "office-director");
        var (started, startSent) = await SentAsync(() => acts.StartAsync(director, id, new LevelRequest("III"), default));
        AssertBegunAndCommitted(startSent, 2);
        Assert.Equal((IncidentState.Responding, "response_started"), (started.Record!.Incident.State, started.Record.Timeline.Entries[^1].Act));

        // Escalating asks first whether the same was already sent up: a read before any write, so it carries none. The command
        // above is looked up in the tenant directory, which keeps its entries: as on a busy platform, it is known already.
        await host.Get<TenantDirectory>().FindAsync("jincheng", default);
        var (escalated, escalateSent) = await SentAsync(() => host.Get<EscalationActs>().EscalateAsync(director, id, new EscalationRequest("support", "请求市级支援", true), default));
        AssertBegunAndCommitted(escalateSent, 3);
        Assert.Equal(["jincheng"], escalated.Record!.Incident.EscalatedTo);
        Assert.NotNull(Assert.Single(escalated.Record.Deadlines, d => d.Kind == DeadlineKind.ReportUpward).MetAt);

        // A refused act: the lock, then its audit entry with the commit; the record is as it was.
        var (refused, refusedSent) = await SentAsync(() => acts.StartAsync(director, id, new LevelRequest("II"), default));
        AssertBegunAndCommitted(refusedSent, 2);
        Assert.Equal(("role_not_allowed", 403), (refused.Refusal?.Code, refused.Refusal?.Status));
        Assert.Equal("escalated", (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!.Timeline.Entries[^1].Act);

        // What the batch wrote is what a later read sees: entries numbered on without a gap.
        var record = (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!;
        Assert.Equal(Enumerable.Range(1, record.Timeline.Total), record.Timeline.Entries.Select(e => e.Seq));
    }

    [Fact]
    public async Task An_act_whose_last_batch_fails_keeps_nothing_holds_no_transaction_open_and_the_next_act_numbers_on()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var acts = host.Get<ResponseActs>();
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        await acts.FollowUpAsync(duty, id, new FollowUpRequest("已启动应急处置。", "progress"), null, default);
        // The server's superuser, whom row-level security does not filter.
        await using var owner = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = host.Database.Name }.ConnectionString);
        // The act's outbox row is written after its entry, in the batch that ends with the commit: failing it there
        // leaves an entry written earlier in the same transaction to be undone.
        await owner.ExecuteAsync("""
            create function refuse_marked_event() returns trigger language plpgsql as $$
            begin
                if new.payload->>'content' = '此续报写不进去。' then raise exception 'refused by the test'; end if;
                return new;
            end $$;
            create trigger refuse_marked_event before insert on outbox for each row execute function refuse_marked_event();
            """);
        var before = await WrittenAsync(owner, id);

        var failed = await Assert.ThrowsAsync<PostgresException>(() =>
            acts.FollowUpAsync(duty, id, new FollowUpRequest("此续报写不进去。", "progress"), Guid.NewGuid().ToString(), default));
        var after = await WrittenAsync(owner, id);
        var openTransactions = await owner.ExecuteScalarAsync<long>(
            "select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'");
        var next = await acts.FollowUpAsync(duty, id, new FollowUpRequest("已隔离受影响的服务器。", "progress"), null, default);

        Assert.Equal("P0001", failed.SqlState);
        Assert.Equal(before, after);
        Assert.Equal(0, openTransactions);
        // The number the failed act took is given to the next: the record has no gap.
        Assert.Equal((before.Entries + 1, "已隔离受影响的服务器。"), (next.Record!.Timeline.Entries[^1].Seq, next.Record.Timeline.Entries[^1].Summary));
    }

    /// <summary>What the incident's acts have written: entries, events and audit entries of follow-ups.</summary>
    private static Task<(int Entries, long Events, long Audited)> WrittenAsync(NpgsqlConnection owner, Guid id) =>
        owner.QuerySingleAsync<(int, long, long)>("""
            select (select count(*)::int from incident_timeline where incident_id = @Id),
                   (select count(*) from outbox where payload->>'incidentId' = @Text),
                   (select count(*) from audit_event where action = 'incident.followup' and details::jsonb->>'incidentId' = @Text)
            """, new { Id = id, Text = id.ToString() });

    [Fact]
    public async Task A_report_checked_against_the_plan_version_kept_in_force_is_one_round_trip_and_a_version_come_into_force_since_is_caught_by_its_batch()
    {
        var now = DateTimeOffset.UtcNow;
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, now);
        // A county of its own, so its numbers start at 0001 whatever the other tests reported.
        var code = $"rt{Guid.NewGuid():N}"[..10];
        var path = $"shanxi.jincheng.{code}";
        await host.KnowAsync(code, "突发县", "jincheng", path, SeedRules.For("yangcheng"));
        var caller = await Callers.AsAsync(host, code, Roles.DutyOfficer);
        var intake = host.Get<IncidentIntake>();

        var (first, firstSent) = await SentAsync(() => intake.ReportAsync(caller, IntakeTests.Form(now), null, default));
        var (second, secondSent) = await SentAsync(() => intake.ReportAsync(caller, IntakeTests.Form(now), null, default));
        // Version 2 comes into force today: the kept version 1 no longer is.
        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path), session =>
            host.Get<PlanRulesReplica>().KeepAsync(session, new PlanPublished(
                2, now.ShanghaiDate(), "突发县网络与信息安全事件应急预案（修订）", null, SeedRules.For("yangcheng"))
            {
                OccurredAt = now, TenantCode = code, TenantPath = path,
            }), CancellationToken.None);
        var (third, thirdSent) = await SentAsync(() => intake.ReportAsync(caller, IntakeTests.Form(now), null, default));

        Assert.Equal((2, 1, 3), (firstSent.Count, secondSent.Count, thirdSent.Count));
        Assert.Equal([1, 1, 2], new[] { first, second, third }.Select(o => o.Record!.Incident.PlanVersion));
        // The batch the check stopped wrote nothing: no number was lost.
        Assert.Equal(Enumerable.Range(1, 3).Select(n => $"突发-{now.ShanghaiDate().Year}-{n:0000}"),
            new[] { first, second, third }.Select(o => o.Record!.Incident.Number));
        var stored = (await Reported.AsAsync(host, code, path, third.Record!.Incident.Id))!;
        Assert.Equal((2, 1), (stored.Incident.PlanVersion, stored.Timeline.Total));
    }

    [Fact]
    public async Task Entries_written_outside_an_act_take_the_next_numbers_of_the_record_in_order()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var store = host.Get<IncidentStore>();
        var now = host.Clock.GetUtcNow();
        TimelineEntry Entry(string summary) => new(id, now, "deadline_missed", "system", "yangcheng", summary, null);
        // The incident is written as it was reported, without the report's entry: the record starts empty.

        var record = await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath), async s =>
        {
            foreach (var summary in new[] { "一", "二", "三" })
            {
                await store.AddTimelineAsync(s, Entry(summary));
            }
            return await store.LoadAsync(s, id);
        }, CancellationToken.None);

        Assert.Equal([(1, "一"), (2, "二"), (3, "三")], record!.Timeline.Entries.Select(e => (e.Seq, e.Summary)));
        Assert.Equal(3, record.Timeline.Total);
    }

    [Fact]
    public async Task An_act_whose_caller_says_what_it_has_seen_answers_with_only_the_newer_entries_and_its_own_as_a_later_read_shows_them()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var acts = host.Get<ResponseActs>();
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        var first = await acts.FollowUpAsync(duty, id, new FollowUpRequest("已启动应急处置。", "progress"), null, default);
        // Another user's follow-up: the first caller has not seen it.
        var other = await acts.FollowUpAsync(duty, id, new FollowUpRequest("已通知网络运营者。", "progress"), null, default);

        var caughtUp = await acts.FollowUpAsync(duty, id, new FollowUpRequest("已隔离受影响的服务器。", "progress"), null, default, seen: 1);
        var upToDate = await acts.FollowUpAsync(duty, id, new FollowUpRequest("已完成取证。", "progress"), null, default, seen: 3);

        Assert.Equal([2, 3], caughtUp.Record!.Timeline.Entries.Select(e => e.Seq));
        Assert.Equal((3, 2), (caughtUp.Record.Timeline.Total, caughtUp.Record.Timeline.Before));
        Assert.Equal([4], upToDate.Record!.Timeline.Entries.Select(e => e.Seq));
        Assert.Equal((4, 4), (upToDate.Record.Timeline.Total, upToDate.Record.Timeline.Before));
        // The entries the act wrote are answered as a later read shows them.
        var later = (await Reported.AsAsync(host, "yangcheng", Reported.YangchengPath, id))!;
        Assert.Equivalent(later.Timeline.Entries[^1], upToDate.Record.Timeline.Entries[^1], strict: true);
        Assert.Equal([1, 2], new[] { first.Record!.Timeline.Total, other.Record!.Timeline.Total });
    }

    /// <summary>
    /// What <paramref name="act"/> sends to PostgreSQL: statements and batches, one round trip each. Opening a
    /// physical connection and the relay's wake-up after commit (on its own connection, outside the act) are not the act's.
    /// </summary>
    private static async Task<(T Result, IReadOnlyList<string> Sent)> SentAsync<T>(Func<Task<T>> act)
    {
        using var source = new ActivitySource(nameof(ActRoundTripTests));
        var sent = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql" || s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.Source.Name == "Npgsql")
                {
                    sent.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        T result;
        ActivityTraceId trace;
        using (var parent = source.StartActivity("act")!)
        {
            trace = parent.TraceId;
            result = await act();
        }
        return (result, [.. sent.Where(a => a.TraceId == trace && !a.DisplayName.StartsWith("CONNECT ", StringComparison.Ordinal))
            .Select(a => a.GetTagItem("db.query.text") as string ?? "")
            .Where(sql => !sql.Contains("pg_notify", StringComparison.Ordinal))]);
    }

    /// <summary>The act's round trips: the first begins the transaction, the last commits it, and none other does either.</summary>
    private static void AssertBegunAndCommitted(IReadOnlyList<string> sent, int roundTrips)
    {
        var statements = sent.Select(sql => sql.Split(';').Select(s => s.Trim()).ToArray()).ToArray();
        Assert.Equal(roundTrips, sent.Count);
        Assert.Equal("begin isolation level read committed", statements[0][0]);
        Assert.Equal("commit", statements[^1][^1]);
        Assert.Single(statements.SelectMany(s => s), s => s.StartsWith("begin", StringComparison.Ordinal));
        Assert.Single(statements.SelectMany(s => s), s => s == "commit");
    }
}
