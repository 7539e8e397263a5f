namespace Fenghuo.Contracts.Exercises;

/// <summary>演练形式 — how much of the real response a drill puts in motion.</summary>
public enum ExerciseKind
{
    [Chinese("桌面推演")]
    Tabletop,

    [Chinese("功能演练")]
    Functional,

    [Chinese("实战演练")]
    FullScale,
}
