using Fenghuo.Contracts;

namespace Fenghuo.Exercises.Domain;

/// <summary>The lifecycle: planned → running (start) → completed (end) → evaluated.</summary>
public enum ExerciseState
{
    [Chinese("计划中")]
    Planned,
    [Chinese("进行中")]
    Running,
    [Chinese("已结束")]
    Completed,
    [Chinese("已评估")]
    Evaluated,
}
