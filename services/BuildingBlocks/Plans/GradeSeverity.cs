using Fenghuo.Contracts.Plans;

namespace Fenghuo.BuildingBlocks.Plans;

/// <summary>
/// Grades as a plan applies them: a plan without 一般以下 counts a below-general event as
/// general, and an undetermined grade borrows the grade the plan treats it as.
/// </summary>
public static class GradeSeverity
{
    public static Grade Effective(this GradeScheme grades, Grade grade) => grade switch
    {
        Grade.Minor when !grades.UsesMinor => Grade.General,
        Grade.Undetermined when grades.Undetermined.TreatAs != Grade.Undetermined => grades.Effective(grades.Undetermined.TreatAs),
        _ => grade,
    };

    /// <summary>Higher is graver; "以上" in the plans includes the grade itself.</summary>
    public static int Rank(Grade grade) => grade switch
    {
        Grade.EspeciallyMajor => 4,
        Grade.Major => 3,
        Grade.Large => 2,
        Grade.General => 1,
        _ => 0,
    };

    public static bool IsAtLeast(this GradeScheme grades, Grade grade, Grade threshold) =>
        Rank(grades.Effective(grade)) >= Rank(grades.Effective(threshold));
}
