using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>The four national grades, each defined once; the grades in use are what other rules may refer to.</summary>
internal static class GradeChecks
{
    private static readonly Grade[] Defined = [Grade.EspeciallyMajor, Grade.Major, Grade.Large, Grade.General];

    public static IReadOnlySet<Grade> Check(GradeScheme? grades, PlanErrors errors)
    {
        if (!errors.Present("grades", grades))
        {
            return new HashSet<Grade>(Defined);
        }
        errors.Text("grades.source", grades.Source);
        errors.OptionalText("grades.minorNote", grades.MinorNote);
        var definitions = errors.List("grades.definitions", grades.Definitions, nonEmpty: true);
        errors.Unique("grades.definitions", definitions, d => EnumLabel.Of(d.Grade), "grade");
        for (var i = 0; i < definitions.Count; i++)
        {
            var field = $"grades.definitions[{i}]";
            if (!errors.Present(field, definitions[i]))
            {
                continue;
            }
            if (!Defined.Contains(definitions[i].Grade))
            {
                errors.Add($"{field}.grade", "not_a_defined_grade",
                    "分级定义只含特别重大、重大、较大、一般四级", "Definitions cover the four grades only: especially_major, major, large, general");
            }
            errors.Text($"{field}.name", definitions[i].Name);
            errors.Texts($"{field}.criteria", definitions[i].Criteria, nonEmpty: true);
            errors.Text($"{field}.source", definitions[i].Source);
        }
        foreach (var missing in Defined.Where(g => definitions.All(d => d is null || d.Grade != g)))
        {
            errors.Add("grades.definitions", "grade_missing",
                $"缺少“{EnumLabel.Of(missing)}”等级的定义", $"The definition of grade '{EnumLabel.Of(missing)}' is missing");
        }
        var inUse = new HashSet<Grade>(Defined);
        if (grades.UsesMinor)
        {
            inUse.Add(Grade.Minor);
        }
        CheckUndetermined(grades.Undetermined, inUse, errors);
        return inUse;
    }

    private static void CheckUndetermined(UndeterminedGrade? undetermined, IReadOnlySet<Grade> inUse, PlanErrors errors)
    {
        if (!errors.Present("grades.undetermined", undetermined))
        {
            return;
        }
        if (!inUse.Contains(undetermined.TreatAs))
        {
            errors.Add("grades.undetermined.treatAs", "unknown_grade",
                "无法判明等级时须按本预案的某一等级处理", "An undetermined grade must be treated as one of this plan's grades");
        }
        errors.Text("grades.undetermined.note", undetermined.Note);
        errors.Text("grades.undetermined.source", undetermined.Source);
    }
}
