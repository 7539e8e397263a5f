using Fenghuo.Contracts.Exercises;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;

namespace Fenghuo.Incidents.Acts;

/// <summary>Tells the exercise how a drill incident's clocks went, each time an act settles one.</summary>
internal static class DrillClocks
{
    /// <summary>Publishes DrillClockSettled for every clock this act met (in time or late).</summary>
    public static void ReportSettled(ActScope act, IReadOnlyList<DeadlineRow> before, IReadOnlyList<DeadlineRow> after)
    {
        if (act.Incident is not { ExerciseId: { } exerciseId, InjectId: { } injectId })
        {
            return;
        }
        foreach (var clock in after.Where(c => c.MetAt is not null && before.FirstOrDefault(b => b.Id == c.Id)?.MetAt is null))
        {
            act.Publish(new DrillClockSettled(exerciseId, injectId, clock.Id, clock.Kind, clock.OwedBy, clock.DueAt, clock.MetAt,
                clock.Status == DeadlineStatus.Met));
        }
    }
}
