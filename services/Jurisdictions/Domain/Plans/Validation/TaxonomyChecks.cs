using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Jurisdictions.Domain.Plans.Validation;

/// <summary>A plan selects from one national standard: every category and subcategory code must be that standard's.</summary>
internal static class TaxonomyChecks
{
    public static void Check(PlanTaxonomy? taxonomy, Taxonomies reference, PlanErrors errors)
    {
        if (!errors.Present("taxonomy", taxonomy))
        {
            return;
        }
        errors.Text("taxonomy.source", taxonomy.Source);
        var standard = reference.Find(taxonomy.Standard);
        if (standard is null)
        {
            errors.Add("taxonomy.standard", "unknown_standard",
                "分类标准须为 gbz_20986_2007 或 gbt_20986_2023", "The standard must be gbz_20986_2007 or gbt_20986_2023");
        }
        var categories = errors.List("taxonomy.categories", taxonomy.Categories, nonEmpty: true);
        errors.Unique("taxonomy.categories", categories, c => c.Code, "code");
        for (var i = 0; i < categories.Count; i++)
        {
            CheckCategory($"taxonomy.categories[{i}]", categories[i], standard, errors);
        }
    }

    private static void CheckCategory(string field, PlanCategory? category, Taxonomy? standard, PlanErrors errors)
    {
        if (!errors.Present(field, category))
        {
            return;
        }
        errors.Text($"{field}.name", category.Name);
        errors.OptionalText($"{field}.note", category.Note);
        var known = standard?.Category(category.Code);
        if (standard is not null && known is null)
        {
            var label = EnumLabel.Of(standard.Standard);
            errors.Add($"{field}.code", "unknown_category",
                $"类别“{category.Code}”不属于 {label}", $"Category '{category.Code}' is not part of {label}");
        }
        var subcategories = errors.List($"{field}.subcategories", category.Subcategories, nonEmpty: false);
        errors.Unique($"{field}.subcategories", subcategories, s => s.Code, "code");
        for (var j = 0; j < subcategories.Count; j++)
        {
            var sub = subcategories[j];
            var subField = $"{field}.subcategories[{j}]";
            if (!errors.Present(subField, sub))
            {
                continue;
            }
            errors.Text($"{subField}.name", sub.Name);
            if (known is not null && !known.HasSubcategory(sub.Code))
            {
                errors.Add($"{subField}.code", "unknown_subcategory",
                    $"子类“{sub.Code}”不属于类别“{known.Name}”", $"Subcategory '{sub.Code}' is not part of category '{known.Code}'");
            }
        }
    }
}
