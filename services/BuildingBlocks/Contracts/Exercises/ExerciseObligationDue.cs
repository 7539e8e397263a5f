namespace Fenghuo.Contracts.Exercises;

/// <summary>
/// 演练任务提醒: the tenant in the header has completed fewer drills this year than its plan's
/// minimum, with the year's end near.
/// </summary>
public sealed record ExerciseObligationDue(int Year, int Required, int Completed, DateOnly YearEnd) : IntegrationEvent;
