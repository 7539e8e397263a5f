using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fenghuo.Jurisdictions.Tests;

/// <summary>
/// Just enough of JSON Schema 2020-12 to check plan files against plan.schema.json without a
/// schema package: type, enum, properties, required, additionalProperties false, items,
/// anyOf, $ref to $defs, minimum/maximum, minLength/maxLength, pattern, minItems.
/// Anything else in the schema fails loudly so the subset cannot silently drift.
/// </summary>
internal sealed class MiniJsonSchema(JsonElement root)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "$defs", "title", "description", "format"];

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            var k = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    Check(root.GetProperty("$defs").GetProperty(k.GetString()!["#/$defs/".Length..]), value, path, errors);
                    break;
                case "type":
                    var types = k.ValueKind == JsonValueKind.Array ? k.EnumerateArray().Select(t => t.GetString()!).ToList() : [k.GetString()!];
                    if (!types.Any(t => IsType(value, t))) errors.Add($"{path}: expected {string.Join("|", types)}");
                    break;
                case "enum":
                    if (!k.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value))) errors.Add($"{path}: {value} not in enum");
                    break;
                case "anyOf":
                    if (!k.EnumerateArray().Any(s => { var sub = new List<string>(); Check(s, value, path, sub); return sub.Count == 0; }))
                        errors.Add($"{path}: matches no anyOf branch");
                    break;
                case "properties" or "required" or "additionalProperties" when value.ValueKind == JsonValueKind.Object:
                    CheckObject(schema, keyword.Name, value, path, errors);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in value.EnumerateArray()) Check(k, item, $"{path}[{i++}]", errors);
                    break;
                case "minItems" when value.ValueKind == JsonValueKind.Array:
                    if (value.GetArrayLength() < k.GetInt32()) errors.Add($"{path}: fewer than {k} items");
                    break;
                case "minimum" when value.ValueKind == JsonValueKind.Number:
                    if (value.GetDecimal() < k.GetDecimal()) errors.Add($"{path}: below {k}");
                    break;
                case "maximum" when value.ValueKind == JsonValueKind.Number:
                    if (value.GetDecimal() > k.GetDecimal()) errors.Add($"{path}: above {k}");
                    break;
                case "minLength" when value.ValueKind == JsonValueKind.String:
                    if (value.GetString()!.Length < k.GetInt32()) errors.Add($"{path}: too short");
                    break;
                case "maxLength" when value.ValueKind == JsonValueKind.String:
                    if (value.GetString()!.Length > k.GetInt32()) errors.Add($"{path}: too long");
                    break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    if (!Regex.IsMatch(value.GetString()!, k.GetString()!)) errors.Add($"{path}: does not match {k}");
                    break;
                case "properties" or "required" or "additionalProperties" or "items" or "minItems" or "minimum" or "maximum" or "minLength" or "maxLength" or "pattern":
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name)) throw new NotSupportedException($"schema keyword {keyword.Name} at {path}");
                    break;
            }
        }
    }

    private void CheckObject(JsonElement schema, string keyword, JsonElement value, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (keyword == "required")
        {
            foreach (var name in schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: missing {name}");
        }
        foreach (var member in value.EnumerateObject())
        {
            var known = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema);
            if (keyword == "properties" && known) Check(properties.GetProperty(member.Name), member.Value, $"{path}.{member.Name}", errors);
            if (keyword == "additionalProperties" && !known) errors.Add($"{path}: unexpected {member.Name}");
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"type {type}"),
    };
}
