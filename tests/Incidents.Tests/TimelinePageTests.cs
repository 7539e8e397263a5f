using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Incidents.Acts;
using Fenghuo.Incidents.Apis;
using Fenghuo.Incidents.Data;
using Fenghuo.ServiceDefaults.Http;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// An incident flooded with 续报 answers every act with the same newest page, says how much older record
/// there is, and pages through all of it — to the owner and the commands it was escalated to, no one else.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TimelinePageTests(PlatformInfrastructure infrastructure)
{
    private const int FollowUps = 120;

    [Fact]
    public async Task After_120_follow_ups_an_answer_holds_the_newest_50_and_the_cursor_walks_all_120_once_in_order()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        var acts = host.Get<ResponseActs>();

        // The clock stands still: every entry has the same time, and only the cursor keeps them apart.
        ActOutcome last = null!;
        for (var n = 1; n <= FollowUps; n++)
        {
            last = await acts.FollowUpAsync(duty, id, new FollowUpRequest(Said(n), "progress"), null, default);
            var answered = last.Record!.Timeline;
            Assert.Equal(Math.Min(n, IncidentStore.NewestPageSize), answered.Entries.Count);
            Assert.Equal((n, n > IncidentStore.NewestPageSize), (answered.Total, answered.HasMore));
            Assert.Equal(Said(n), answered.Entries[^1].Summary);
        }

        var view = IncidentViews.Of(last.Record!, "阳城县", host.Clock.GetUtcNow(), await host.Get<ActRunner>().AllowedAsync(duty, last.Record!, default));
        Assert.Equal(Enumerable.Range(FollowUps - 49, 50).Select(Said), view.Timeline.Select(t => t.Summary));
        Assert.Equal((FollowUps, true), (view.TimelineTotal, view.TimelineHasMore));
        Assert.Equal((FollowUps - 49).ToString(), view.TimelineBefore);

        // Older pages of 37 from the view's cursor, until the record's start: each entry once, in the order recorded.
        var walked = view.Timeline.ToList();
        var before = view.TimelineBefore;
        var pages = 0;
        while (before is not null)
        {
            var page = IncidentViews.Page((await PageAsync(host, "yangcheng", Reported.YangchengPath, id, before, "37"))!);
            Assert.InRange(page.Entries.Count, 1, 37);
            Assert.Equal(FollowUps, page.Total);
            Assert.Equal(walked[0].Seq - 1, page.Entries[^1].Seq);
            walked.InsertRange(0, page.Entries);
            (before, pages) = (page.HasMore ? page.Before : null, pages + 1);
            Assert.Equal(page.HasMore, page.Before is not null);
        }
        Assert.Equal(2, pages);
        Assert.Equal(Enumerable.Range(1, FollowUps).Select(Said), walked.Select(t => t.Summary));
        Assert.Equal(Enumerable.Range(1, FollowUps), walked.Select(t => t.Seq));
    }

    [Fact]
    public async Task The_record_is_paged_for_the_owner_and_a_command_it_was_escalated_to_and_for_no_one_else()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var other = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        for (var n = 1; n <= 3; n++)
        {
            await host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest(Said(n), "progress"), null, default);
        }
        await host.Get<ResponseActs>().FollowUpAsync(duty, other, new FollowUpRequest("另一事件的续报", "progress"), null, default);

        var own = (await PageAsync(host, "yangcheng", Reported.YangchengPath, id, null, null))!;
        Assert.Equal([Said(1), Said(2), Said(3)], own.Entries.Select(e => e.Summary));
        Assert.Null(await PageAsync(host, "jincheng", "shanxi.jincheng", id, null, null));
        Assert.Null(await PageAsync(host, "chengqu", "shanxi.jincheng.chengqu", id, null, null));
        Assert.Null(await PageAsync(host, "", "", id, null, null));
        // Entry numbers are the record's own: a cursor past its end pages this incident alone, never the other one.
        Assert.Equal([Said(1), Said(2), Said(3)], (await PageAsync(host, "yangcheng", Reported.YangchengPath, id, "99", null))!.Entries.Select(e => e.Summary));

        await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath), async session =>
        {
            var store = host.Get<IncidentStore>();
            var (incident, _, _) = (await store.LockAsync(session, id))!.Value;
            await session.SaveIncidentAsync(incident with { EscalatedTo = ["jincheng"] }, host.Clock.GetUtcNow());
        }, CancellationToken.None);

        var atCity = (await PageAsync(host, "jincheng", "shanxi.jincheng", id, own.Entries[^1].Seq.ToString(), "1"))!;
        Assert.Equal((Said(2), 3, true), (Assert.Single(atCity.Entries).Summary, atCity.Total, atCity.HasMore));
        Assert.Null(await PageAsync(host, "jincheng", "shanxi.jincheng", other, null, null));
        Assert.Null(await PageAsync(host, "chengqu", "shanxi.jincheng.chengqu", id, null, null));
    }

    [Theory]
    [InlineData("abc", null, "before")]
    [InlineData("0", null, "before")]
    [InlineData("-5", null, "before")]
    [InlineData("1.5", null, "before")]
    [InlineData(" 7", null, "before")]
    [InlineData("99999999999999999999", null, "before")]
    [InlineData("2147483648", null, "before")]
    [InlineData(null, "0", "limit")]
    [InlineData(null, "201", "limit")]
    [InlineData(null, "-1", "limit")]
    [InlineData(null, "abc", "limit")]
    [InlineData(null, "2147483648", "limit")]
    [InlineData("x", "1e3", "before,limit")]
    public void A_cursor_or_limit_this_api_never_gave_is_a_field_error_in_chinese_and_english(string? before, string? limit, string fields)
    {
        var errors = new List<FieldError>();
        Assert.Null(TimelineQuery.Read(before, limit, errors));
        Assert.Equal(fields.Split(','), errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.True(e.MessageZh.Any(c => c >= 0x4E00) && e.MessageEn.Length > 0, $"{e.Field}: {e.MessageZh} / {e.MessageEn}"));
    }

    [Theory]
    [InlineData(null, null, null, 50)]
    [InlineData("", "", null, 50)]
    [InlineData("42", "200", 42, 200)]
    [InlineData("2147483647", "1", int.MaxValue, 1)]
    public void A_cursor_a_page_gave_and_a_limit_of_1_to_200_are_taken(string? before, string? limit, int? cursor, int size)
    {
        var errors = new List<FieldError>();
        Assert.Equal(new TimelineQuery(cursor, size), TimelineQuery.Read(before, limit, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    public void An_acts_seen_is_the_newest_entry_number_shown_or_absent(string? seen, int? known)
    {
        var errors = new List<FieldError>();
        Assert.Equal(known, TimelineQuery.Seen(seen, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    public void An_acts_seen_that_is_no_entry_number_is_a_field_error_in_chinese_and_english(string seen)
    {
        var errors = new List<FieldError>();
        Assert.Null(TimelineQuery.Seen(seen, errors));
        var error = Assert.Single(errors);
        Assert.Equal("seen", error.Field);
        Assert.True(error.MessageZh.Any(c => c >= 0x4E00) && error.MessageEn.Length > 0);
    }

    [Fact]
    public async Task Entries_are_numbered_on_from_the_record_under_the_incidents_lock_without_a_gap()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        await host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest(Said(1), "progress"), null, default);
        // A refused act writes no entry and counts none.
        await host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest("", "progress"), null, default);
        // Two at once: the incident's row lock gives them numbers one after the other.
        await Task.WhenAll(
            host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest(Said(2), "progress"), null, default),
            host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest(Said(3), "progress"), null, default));

        // Read as the server's superuser, whom row-level security does not filter.
        await using var admin = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = host.Database.Name }.ConnectionString);
        var numbers = await admin.QueryAsync<int>("select seq from incident_timeline where incident_id = @Id order by seq", new { Id = id });
        Assert.Equal([1, 2, 3], numbers);
    }

    [Fact]
    public async Task Reading_a_record_probes_its_own_incident_not_every_incident_of_the_county()
    {
        await using var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, DateTimeOffset.UtcNow);
        var id = await Reported.LargeDataLeakAsync(host, SeedRules.For("yangcheng"), host.Clock.GetUtcNow().AddMinutes(-5));
        var duty = await Callers.AsAsync(host, "yangcheng", "duty-officer");
        for (var n = 1; n <= 3; n++)
        {
            await host.Get<ResponseActs>().FollowUpAsync(duty, id, new FollowUpRequest(Said(n), "progress"), null, default);
        }
        // A county a few months into the year: 400 more incidents, copies of this one, and a long record (200 more
        // entries like the third 续报), written as the server's superuser.
        const int County = 400, Entries = 200;
        await using (var admin = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(infrastructure.PostgresAdminConnectionString) { Database = host.Database.Name }.ConnectionString))
        {
            await admin.ExecuteAsync("""
                insert into incident
                select (jsonb_populate_record(null::incident, to_jsonb(i) || jsonb_build_object(
                    'id', gen_random_uuid(), 'number', i.number || '-' || g, 'idempotency_key', null))).*
                from incident i cross join generate_series(1, @County) g where i.id = @Id;
                insert into incident_timeline (incident_id, seq, at, act, actor, actor_tenant, summary)
                select incident_id, seq + g, at, act, actor, actor_tenant, summary
                from incident_timeline cross join generate_series(1, @Entries) g where incident_id = @Id and seq = 3;
                analyze incident;
                analyze incident_timeline;
                """, new { Id = id, County, Entries });
        }

        // The policy on the record shows an entry when its incident is visible: a probe of that incident per entry read,
        // never a read of every incident the county holds to build a hash (what an exists subquery may be planned as).
        var incidentRowsRead = await host.Get<TenantDatabase>().InTransactionAsync(new TenantScope("yangcheng", Reported.YangchengPath), async s =>
        {
            var page = await host.Get<IncidentStore>().TimelineAsync(s, id, null, 50);
            Assert.Equal((3 + Entries, Said(3)), (page!.Total, page.Entries[^1].Summary));
            return await s.Connection.ExecuteScalarAsync<long>(
                "select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) from pg_stat_xact_user_tables where relname = 'incident'",
                transaction: s.Transaction);
        }, CancellationToken.None);
        // About one probe per entry read (a page of 50 and the one that says older entries remain): under the exists
        // policy of 0001 this read took 1,216 incident rows, three hashes of the county's 401.
        Assert.InRange(incidentRowsRead, 1, 2 * 50);
    }

    private static string Said(int n) => $"第{n}次续报：已处置。";

    private static Task<TimelinePage?> PageAsync(IncidentsHost host, string code, string path, Guid id, string? before, string? limit)
    {
        var query = TimelineQuery.Read(before, limit, []) ?? throw new ArgumentException($"before={before}&limit={limit}");
        return host.Get<TenantDatabase>().InTransactionAsync(new TenantScope(code, path),
            s => host.Get<IncidentStore>().TimelineAsync(s, id, query.Before, query.Limit), CancellationToken.None);
    }
}
