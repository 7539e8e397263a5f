using Fenghuo.Exercises.Domain;

namespace Fenghuo.Exercises.Data;

/// <summary>An exercise with everything recorded about it.</summary>
public sealed record ExerciseRecord(
    Exercise Exercise,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Inject> Injects,
    IReadOnlyList<DrillIncidentRow> DrillIncidents,
    IReadOnlyList<DrillClockRow> Clocks,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<HistoryRow> History);
