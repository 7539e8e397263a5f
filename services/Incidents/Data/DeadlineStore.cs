using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Incidents.Data;

/// <summary>
/// The scheduler's view of every tenant's clocks, under <see cref="RlsWidening.Clock"/> for these
/// statements only; the timeline entries and events that follow are written in each owner's own scope.
/// </summary>
public sealed class DeadlineStore
{
    // Skip locked: a second scheduler (another instance) takes other rows, never the same miss twice.
    private const string MarkMissed = $"""
        update incident_deadline set status = 'missed'
        where id in (select id from incident_deadline where status = 'due' and due_at <= @Now
                     order by due_at limit @Batch for update skip locked)
        returning {IncidentStore.DeadlineColumns}
        """;

    private const string MarkApproaching = $"""
        update incident_deadline set approaching_sent_at = @Now
        where id in (select id from incident_deadline
                     where status = 'due' and approaching_sent_at is null and due_at > @Now and due_at <= @Now + @Lead
                     order by due_at limit @Batch for update skip locked)
        returning {IncidentStore.DeadlineColumns}
        """;

    private const int Batch = 500;

    public Task<IReadOnlyList<DeadlineRow>> MarkMissedAsync(DbSession session, DateTimeOffset now) =>
        AsClockAsync(session, MarkMissed, new { Now = now, Batch });

    public Task<IReadOnlyList<DeadlineRow>> MarkApproachingAsync(DbSession session, DateTimeOffset now, TimeSpan lead) =>
        AsClockAsync(session, MarkApproaching, new { Now = now, Lead = lead, Batch });

    private static Task<IReadOnlyList<DeadlineRow>> AsClockAsync(DbSession session, string sql, object parameters) =>
        TenantDatabase.WidenedAsync<IReadOnlyList<DeadlineRow>>(session, RlsWidening.Clock,
            async () => (await session.Connection.QueryAsync<DeadlineRow>(sql, parameters, session.Transaction)).ToList());
}
