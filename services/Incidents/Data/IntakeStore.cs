using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Incidents.Domain;
using Npgsql;
using static Fenghuo.Incidents.Data.BatchParameters;

namespace Fenghuo.Incidents.Data;

/// <summary>An earlier report under the same idempotency key: its id and the hash of its form.</summary>
public sealed record EarlierReport(Guid Id, string? RequestHash);

/// <summary>What a report is checked against before anything is written.</summary>
public sealed record IntakeBasis(EarlierReport? Earlier, PlanRulesVersion? Plan);

/// <summary>
/// 上报 in one round trip or two, each one batch that PostgreSQL runs as one implicit transaction under the
/// caller's row-level security: what the report is checked against (skipped when the plan version last read in
/// force for the tenant is kept, and then checked in the second batch instead), then the report recorded
/// with its number, clock, timeline entry and event, and the outbox relay woken once it has committed. The counter row of the tenant's year is locked
/// by the second batch alone, from the statement that takes the number to the batch's commit, with no
/// network wait in between; a report that fails rolls its number back with it, so numbers have no gaps. The
/// reports of a county that come while its batch is in flight go together in its next one (<see cref="CountyLane"/>).
/// </summary>
public sealed class IntakeStore(NpgsqlDataSource dataSource, PlanRulesCache plans, OutboxWake wake)
{
    // A county's burst rarely has more waiting than there are request threads; a bound keeps one batch's transaction short.
    private const int MostInBatch = 32;

    private readonly ConcurrentDictionary<TenantScope, CountyLane> lanes = new();

    /// <summary>The error of a report's batch whose plan version is no longer the one in force (migration 0006).</summary>
    public const string PlanNotInForce = "FHP01";

    private const string CheckPlan = "select incident_plan_in_force($1, $2, $3)";

    private const string FindEarlier = "select id, request_hash from incident where tenant_code = $1 and idempotency_key = $2";

    private const string NumberAndInsert = """
        with numbered as (
            insert into incident_counter (tenant_code, series, year, last) values ($2, 'real', $28, 1)
            on conflict (tenant_code, series, year) do update set last = incident_counter.last + 1
            returning $29 || '-' || $28 || '-' || lpad(last::text, greatest(4, length(last::text)), '0') as number)
        insert into incident (id, tenant_code, tenant_path, number, plan_version, state, grade, recommended_level, command_tenant,
            category, subcategory, occurred_at, reported_at, reported_by, reporting_unit, occurring_unit, reporter,
            reviewer, harms, description, measures_taken, consequence_estimate, suggestions, location, source,
            affected_scope, estimated_loss, trend, idempotency_key, request_hash, updated_at)
        select $1, $2, $3::ltree, numbered.number, $4, 'reported', $5, $6, $2,
            $7, $8, $9, $10, $11, $12, $13, $14,
            $15, $16, $17, $18, $19, $20, $21, $22,
            $23, $24, $25, $26, $27, $10
        from numbered
        returning number
        """;

    private const string AddDeadline = """
        insert into incident_deadline (id, incident_id, tenant_code, incident_number, kind, owed_by, due_at, status, source)
        select $1, i.id, i.tenant_code, i.number, $3, $4, $5, 'due', $6 from incident i where i.id = $2
        on conflict do nothing
        """;

    // The report is entry 1 of its record.
    private const string AddTimeline = """
        insert into incident_timeline (incident_id, seq, at, act, actor, actor_tenant, summary, details)
        values ($1, 1, $2, $3, $4, $5, $6, $7)
        """;

    // The event carries the number the insert above has just taken.
    private static readonly string NumberedPayload =
        $"jsonb_set($3, '{{{FenghuoJson.Options.PropertyNamingPolicy!.ConvertName(nameof(IncidentEvent.Number))}}}', "
        + "to_jsonb((select number from incident where id = $6)))";

    public async Task<IntakeBasis> ReadBasisAsync(TenantScope scope, string tenant, string? idempotencyKey, DateOnly on, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(TenantDatabase.ScopeCommand(scope));
        if (idempotencyKey is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(FindEarlier) { Parameters = { Text(tenant), Text(idempotencyKey) } });
        }
        batch.BatchCommands.Add(plans.InForceCommand(tenant, on));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        EarlierReport? earlier = null;
        if (idempotencyKey is not null)
        {
            if (await reader.ReadAsync(ct))
            {
                earlier = new EarlierReport(reader.GetGuid(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1));
            }
            await reader.NextResultAsync(ct);
        }
        return new IntakeBasis(earlier, await plans.InForceAsync(tenant, reader, ct));
    }

    /// <param name="checkedOn">
    /// When the report was checked against a version not read in this round trip: the day it must still be in force on.
    /// The batch then fails with <see cref="PlanNotInForce"/>, having written nothing, if another version is in force.
    /// </param>
    /// <returns>The number the report was given.</returns>
    /// <remarks>
    /// While a batch of the county's is in flight the report waits for it and then goes with the others that came
    /// meanwhile (<see cref="CountyLane"/>): one transaction, so one counter row lock and one WAL flush, for all of them,
    /// numbered in the order they came. A batch of several that fails has each of its reports recorded again alone, in
    /// its own request, so a report's failure (its Idempotency-Key met, a version come into force) stays its own.
    /// </remarks>
    public async Task<string> RecordAsync(
        TenantScope scope, NewIncident incident, string prefix, int year, Clock? clock, Guid clockId, TimelineEntry reported, IncidentReported announced,
        DateOnly? checkedOn, CancellationToken ct)
    {
        List<NpgsqlBatchCommand> Statements() => ReportStatements(incident, prefix, year, clock, clockId, reported, announced, checkedOn);
        var mine = new WaitingReport(Statements(), checkedOn is not null);
        var lane = lanes.GetOrAdd(scope, static _ => new CountyLane());
        if (lane.Join(mine) || await mine.Turn.Task)
        {
            await RecordLaneAsync(scope, lane, mine, ct);
        }
        mine.Error?.Throw();
        return mine.Number ?? (await RecordBatchAsync(scope, [new WaitingReport(Statements(), checkedOn is not null)], ct))[0];
    }

    private async Task RecordLaneAsync(TenantScope scope, CountyLane lane, WaitingReport leader, CancellationToken ct)
    {
        var batch = lane.Take(MostInBatch);
        try
        {
            if (batch.Count == 1)
            {
                try
                {
                    leader.Number = (await RecordBatchAsync(scope, batch, ct))[0];
                }
                catch (Exception e)
                {
                    leader.Error = ExceptionDispatchInfo.Capture(e);
                }
                return;
            }
            try
            {
                // Not the leader's request's token: the batch is every report's in it.
                var numbers = await RecordBatchAsync(scope, batch, CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Number = numbers[i];
                }
            }
            catch (PostgresException)
            {
                // The server refused a statement, so it rolled the whole batch back: each report, left without a number,
                // is recorded again alone. Any other failure leaves the outcome unknown, and each report answers with it.
            }
            catch (Exception e)
            {
                foreach (var report in batch)
                {
                    report.Error = ExceptionDispatchInfo.Capture(e);
                }
            }
        }
        finally
        {
            lane.Settle(batch, leader);
        }
    }

    /// <returns>The numbers the reports were given, in their order, once the batch has committed.</returns>
    private async Task<string[]> RecordBatchAsync(TenantScope scope, List<WaitingReport> reports, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(TenantDatabase.ScopeCommand(scope));
        foreach (var report in reports)
        {
            foreach (var statement in report.Statements)
            {
                batch.BatchCommands.Add(statement);
            }
        }
        var numbers = new string[reports.Count];
        // Disposed exactly once, before the wake: Npgsql hands the same reader object to the next user of
        // the pooled connection, so a second dispose would consume another request's results.
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            // Npgsql's reader moves only between statements that answer rows: the tenant's settings, then per report
            // the plan version's check if it has one, and the number.
            for (var i = 0; i < reports.Count; i++)
            {
                if (reports[i].ChecksPlan)
                {
                    await reader.NextResultAsync(ct);
                }
                await reader.NextResultAsync(ct);
                await reader.ReadAsync(ct);
                numbers[i] = reader.GetString(0);
            }
            // Read to the end, so an error in any later statement surfaces here (and the whole batch rolled back).
            while (await reader.NextResultAsync(ct))
            {
            }
        }
        wake.Committed();
        return numbers;
    }

    private static List<NpgsqlBatchCommand> ReportStatements(
        NewIncident incident, string prefix, int year, Clock? clock, Guid clockId, TimelineEntry reported, IncidentReported announced, DateOnly? checkedOn)
    {
        var statements = new List<NpgsqlBatchCommand>(5);
        if (checkedOn is { } day)
        {
            statements.Add(new NpgsqlBatchCommand(CheckPlan)
            {
                Parameters = { Text(incident.TenantCode), Int(incident.PlanVersion), new NpgsqlParameter<DateOnly> { TypedValue = day } },
            });
        }
        statements.Add(new NpgsqlBatchCommand(NumberAndInsert)
        {
            Parameters =
            {
                Id(incident.Id), Text(incident.TenantCode), Text(incident.TenantPath), Int(incident.PlanVersion), Text(incident.Grade),
                Text(incident.RecommendedLevel), Text(incident.Category), Text(incident.Subcategory), Time(incident.OccurredAt),
                Time(incident.ReportedAt), Text(incident.ReportedBy), Text(incident.ReportingUnit), Text(incident.OccurringUnit),
                Text(incident.Reporter), Text(incident.Reviewer), new NpgsqlParameter<string[]> { TypedValue = incident.Harms },
                Text(incident.Description), Text(incident.MeasuresTaken), Text(incident.ConsequenceEstimate), Text(incident.Suggestions),
                Text(incident.Location), Text(incident.Source), Text(incident.AffectedScope), Text(incident.EstimatedLoss),
                Text(incident.Trend), Text(incident.IdempotencyKey), Text(incident.RequestHash), Int(year), Text(prefix),
            },
        });
        if (clock is not null)
        {
            statements.Add(new NpgsqlBatchCommand(AddDeadline)
            {
                Parameters =
                {
                    Id(clockId), Id(incident.Id), Text(EnumLabel.Of(clock.Kind)), Text(clock.OwedBy), Time(clock.DueAt),
                    Text(clock.Source),
                },
            });
        }
        statements.Add(new NpgsqlBatchCommand(AddTimeline)
        {
            Parameters =
            {
                Id(reported.IncidentId), Time(reported.At), Text(reported.Act), Text(reported.Actor), Text(reported.ActorTenant),
                Text(reported.Summary),
                Jsonb(JsonSerializer.Serialize(reported.Details ?? new { }, FenghuoJson.Options)),
            },
        });
        // Built here, in the report's own request: the event carries that request's correlation id and trace.
        statements.Add(Outbox.EnqueueCommand(announced, NumberedPayload, Id(incident.Id)));
        return statements;
    }
}
