namespace Fenghuo.Contracts.Plans;

/// <summary>
/// How a plan handles 暂时无法判明等级: which grade's clocks and response it borrows until
/// the assessment settles the grade.
/// </summary>
public sealed record UndeterminedGrade(Grade TreatAs, string Note, string Source);
