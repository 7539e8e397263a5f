using Fenghuo.Contracts.Plans;

namespace Fenghuo.Incidents.Domain;

public static class GradeNames
{
    public static string Chinese(this Grade grade) => grade switch
    {
        Grade.EspeciallyMajor => "特别重大",
        Grade.Major => "重大",
        Grade.Large => "较大",
        Grade.General => "一般",
        Grade.Minor => "一般以下",
        Grade.Undetermined => "暂时无法判明",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}
