using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Data;

/// <summary>
/// The inject scheduler's view of every running exercise's injects, under the clock widening for these
/// statements only; the history and events that follow are written in each organiser's own scope.
/// </summary>
public sealed class InjectScheduleStore
{
    // Skip locked: a second scheduler (another instance) takes other injects, never the same delivery twice.
    private const string MarkDelivered = $"""
        update exercise_inject set delivered_at = @Now
        where id in (select i.id from exercise_inject i
                     where i.delivered_at is null and i.due_at <= @Now
                       and exists (select 1 from exercise x where x.id = i.exercise_id and x.state = 'running')
                     order by i.due_at limit @Batch for update skip locked)
        returning {ExerciseStore.InjectColumns}
        """;

    private const int Batch = 200;

    public Task<(IReadOnlyList<Inject> Injects, IReadOnlyList<Exercise> Exercises)> MarkDeliveredAsync(DbSession session, DateTimeOffset now) =>
        TenantDatabase.WidenedAsync<(IReadOnlyList<Inject>, IReadOnlyList<Exercise>)>(session, RlsWidening.Clock, async () =>
        {
            var injects = (await session.Connection.QueryAsync<Inject>(MarkDelivered, new { Now = now, Batch }, session.Transaction)).ToList();
            var exercises = (await session.Connection.QueryAsync<Exercise>(
                $"select {ExerciseStore.Columns} from exercise x where x.id = any(@Ids)",
                new { Ids = injects.Select(i => i.ExerciseId).Distinct().ToArray() }, session.Transaction)).ToList();
            return (injects, exercises);
        });
}
