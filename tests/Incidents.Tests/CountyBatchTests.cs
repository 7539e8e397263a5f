using System.Diagnostics.Metrics;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts;
using Fenghuo.Incidents.Acts;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.Testing;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// A county's reports that come while one of its batches is in flight wait for it and then go together: one
/// transaction and one flush for all of them instead of one each, queued on the county's counter row. Held here by
/// locking that row from outside, as a slow commit of the county's would hold it, while the reports come one by one.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CountyBatchTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Reports_that_came_during_a_batch_are_recorded_together_in_one_transaction_numbered_in_the_order_they_came()
    {
        var now = DateTimeOffset.UtcNow;
        await using var county = await CountyAsync(now);
        await using var waiting = new WaitingReports();

        Task<ActOutcome> first;
        var later = new List<Task<ActOutcome>>();
        await using (await county.HoldCounterAsync())
        {
            first = county.ReportAsync(IntakeTests.Form(now), null);
            await county.UntilOneWaitsOnTheCounterAsync();
            for (var n = 1; n <= 4; n++)
            {
                later.Add(county.ReportAsync(IntakeTests.Form(now), null));
                await waiting.UntilAsync(n);
            }
        }
        var outcomes = await Task.WhenAll([first, .. later]);

        var year = now.ShanghaiDate().Year;
        Assert.Equal(Enumerable.Range(2, 5).Select(n => $"突发-{year}-{n:0000}"), outcomes.Select(o => o.Record!.Incident.Number));
        var stored = await county.StoredAsync();
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"突发-{year}-{n:0000}"), stored.Select(s => s.Number));
        // The first went alone, holding its batch open; the four that came meanwhile committed in one transaction.
        Assert.Equal(stored[2].Transaction, Assert.Single(stored.Skip(2).Select(s => s.Transaction).Distinct()));
        Assert.NotEqual(stored[1].Transaction, stored[2].Transaction);
    }

    [Fact]
    public async Task A_batch_one_report_of_which_meets_an_Idempotency_Key_already_used_records_each_alone_and_loses_no_number()
    {
        var now = DateTimeOffset.UtcNow;
        await using var county = await CountyAsync(now);
        await using var waiting = new WaitingReports();

        Task<ActOutcome> first;
        Task<ActOutcome> sent;
        Task<ActOutcome> sentAgain;
        Task<ActOutcome> other;
        await using (await county.HoldCounterAsync())
        {
            first = county.ReportAsync(IntakeTests.Form(now), null);
            await county.UntilOneWaitsOnTheCounterAsync();
            sent = county.ReportAsync(IntakeTests.Form(now), "retry-1");
            await waiting.UntilAsync(1);
            sentAgain = county.ReportAsync(IntakeTests.Form(now), "retry-1");
            await waiting.UntilAsync(2);
            other = county.ReportAsync(IntakeTests.Form(now), null);
            await waiting.UntilAsync(3);
        }
        var (firstDone, sentDone, sentAgainDone, otherDone) = (await first, await sent, await sentAgain, await other);

        // Recorded alone, the two with one key race: one is recorded, the other answered as its replay.
        Assert.Equal([false, true], new[] { sentDone.Replayed, sentAgainDone.Replayed }.Order());
        Assert.Equal(sentDone.Record!.Incident.Id, sentAgainDone.Record!.Incident.Id);
        var year = now.ShanghaiDate().Year;
        var stored = await county.StoredAsync();
        Assert.Equal(Enumerable.Range(1, 4).Select(n => $"突发-{year}-{n:0000}"), stored.Select(s => s.Number));
        Assert.Equal(
            new[] { firstDone, sentDone, otherDone }.Select(o => o.Record!.Incident.Number).Order(StringComparer.Ordinal),
            stored.Skip(1).Select(s => s.Number));
    }

    private async Task<County> CountyAsync(DateTimeOffset now)
    {
        var host = await IncidentsHost.StartWithYangchengAsync(infrastructure, now);
        // A county of its own, so its numbers start at 0001 whatever the other tests reported.
        var code = $"cb{Guid.NewGuid():N}"[..10];
        var scope = new TenantScope(code, $"shanxi.jincheng.{code}");
        await host.KnowAsync(code, "突发县", "jincheng", scope.Path, SeedRules.For("yangcheng"));
        var county = new County(host, scope, await Callers.AsAsync(host, code, Roles.DutyOfficer));
        // Its first report makes the counter row of its year, which the tests then hold.
        await county.ReportAsync(IntakeTests.Form(now), null);
        return county;
    }

    private sealed record County(IncidentsHost Host, TenantScope Scope, Fenghuo.BuildingBlocks.Tenancy.TenantContext Caller) : IAsyncDisposable
    {
        public Task<ActOutcome> ReportAsync(Domain.ReportForm form, string? key) =>
            Task.Run(() => Host.Get<IncidentIntake>().ReportAsync(Caller, form, key, default));

        /// <summary>Locks the county's counter row until disposed, as a report's transaction does from its number to its commit.</summary>
        public async Task<IAsyncDisposable> HoldCounterAsync()
        {
            var connection = await Host.Get<TenantDatabase>().DataSource.OpenConnectionAsync();
            var transaction = await connection.BeginTransactionAsync();
            await TenantDatabase.UseScopeAsync(new DbSession(connection, transaction, Scope), Scope);
            Assert.Single(await connection.QueryAsync<int>("select 1 from incident_counter where tenant_code = @Code for update", new { Scope.Code }, transaction));
            return new Held(connection, transaction);
        }

        /// <summary>Until a report's batch waits on the held row: the report leads its county's batches from then on.</summary>
        public Task UntilOneWaitsOnTheCounterAsync() => Eventually.Until(async () =>
        {
            // The service's sessions: their wait is visible to their own role.
            await using var connection = await Host.Get<TenantDatabase>().DataSource.OpenConnectionAsync();
            return await connection.ExecuteScalarAsync<long>(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") == 1;
        }, "a report's batch waiting on the county's counter row");

        /// <summary>The county's incidents in number order, with the transaction that wrote each.</summary>
        public Task<List<(string Number, string Transaction)>> StoredAsync() =>
            Host.Get<TenantDatabase>().InTransactionAsync(Scope, async session => (await session.Connection.QueryAsync<(string, string)>(
                "select number, xmin::text from incident order by number", transaction: session.Transaction)).ToList(), CancellationToken.None);

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>How many reports are waiting for their county's batch in flight, from the service's own metric.</summary>
    private sealed class WaitingReports : IAsyncDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public WaitingReports()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "fenghuo.incidents.reports_waiting")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref count, value));
            listener.Start();
        }

        public Task UntilAsync(long reports) =>
            Eventually.Until(() => Interlocked.Read(ref count) >= reports, $"{reports} reports waiting for their county's batch");

        public ValueTask DisposeAsync()
        {
            listener.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
