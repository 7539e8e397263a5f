using System.Text.Json;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;

namespace Fenghuo.Exercises.Domain;

/// <summary>The drill incident an inject opens at its target: category of the target's plan, grade, what happened.</summary>
public sealed record DrillSpec(string Category, string? Subcategory, Grade Grade, string Description)
{
    public string ToJson() => JsonSerializer.Serialize(this, FenghuoJson.Options);

    public static DrillSpec? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<DrillSpec>(json, FenghuoJson.Options);
}
