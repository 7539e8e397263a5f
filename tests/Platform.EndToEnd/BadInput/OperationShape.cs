using System.Net.Http.Json;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd.BadInput;

/// <summary>What an operation's OpenAPI document says it takes: a JSON body's schema and its query parameters.</summary>
public sealed record OperationShape(ApiOperation Operation, JsonSchema? JsonBody, IReadOnlyList<(string Name, JsonSchema Schema)> Query)
{
    /// <summary>
    /// OpenID Connect and the login pages answer in their protocols' own error formats (RFC 6749 §5.2
    /// errors, pages for a browser), and the identity service's admin API in Keycloak's
    /// (<c>{"error": "User not found"}</c>), which Keycloak's clients read; not RFC 9457.
    /// </summary>
    public bool SpeaksOwnProtocol =>
        Operation.PathTemplate.StartsWith("/admin/realms/", StringComparison.Ordinal)
        || Operation.PathTemplate.Contains("/protocol/openid-connect/", StringComparison.Ordinal)
        || Operation.PathTemplate.Contains("/login-actions/", StringComparison.Ordinal);

    /// <summary>Paths that check a password share the gateway's strict per-address budget, which the rest of the suite needs for its own logins.</summary>
    public bool ChecksPasswords =>
        Operation.PathTemplate.EndsWith("/openid-connect/token", StringComparison.Ordinal)
        || Operation.PathTemplate.Contains("/login-actions/", StringComparison.Ordinal)
        || Operation.PathTemplate.EndsWith("/credentials/password", StringComparison.Ordinal);

    public static async Task<IReadOnlyList<OperationShape>> ReadAsync(GatewayClient gateway)
    {
        var documents = new Dictionary<string, JsonElement>();
        foreach (var service in ApiCatalogue.Services)
        {
            documents[service] = await gateway.Anonymous.GetFromJsonAsync<JsonElement>($"openapi/{service}.json");
        }
        var shapes = new List<OperationShape>();
        foreach (var operation in await ApiCatalogue.ReadAsync(gateway))
        {
            var document = documents[operation.Service];
            var components = document.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;
            var declared = document.GetProperty("paths").GetProperty(operation.PathTemplate).GetProperty(operation.Method.Method.ToLowerInvariant());
            JsonSchema? body = declared.TryGetProperty("requestBody", out var requestBody)
                && requestBody.TryGetProperty("content", out var content)
                && content.TryGetProperty("application/json", out var json)
                && json.TryGetProperty("schema", out var schema)
                ? new JsonSchema(schema, components)
                : null;
            var query = declared.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray()
                    .Where(p => p.GetProperty("in").GetString() == "query")
                    .Select(p => (p.GetProperty("name").GetString()!, new JsonSchema(p.TryGetProperty("schema", out var ps) ? ps : default, components)))
                    .ToList()
                : [];
            shapes.Add(new OperationShape(operation, body, query));
        }
        return shapes;
    }
}

/// <summary>A schema of an OpenAPI 3.1 document, with references and nullable unions seen through.</summary>
public sealed class JsonSchema
{
    private readonly JsonElement components;

    public JsonSchema(JsonElement schema, JsonElement components)
    {
        this.components = components;
        Element = Resolve(schema);
    }

    public JsonElement Element { get; }

    /// <summary>The JSON kinds it accepts besides null ("string", "integer", "object" …); empty when it says nothing.</summary>
    public IReadOnlyList<string> Types => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("type", out var type)
        ? type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList()
            : type.GetString() is { } one && one != "null" ? [one] : []
        : Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("enum", out _) ? ["string"] : [];

    /// <summary>The main kind: integer before string for numbers that may also arrive as strings.</summary>
    public string? Kind => Types.Count == 0 ? null : Types.Contains("integer") ? "integer" : Types.Contains("number") ? "number" : Types[0];

    public string? Format => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("format", out var f) ? f.GetString() : null;

    public IReadOnlyList<string> Enum => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("enum", out var values)
        ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
        : [];

    public IReadOnlyList<(string Name, JsonSchema Schema)> Properties =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, new JsonSchema(p.Value, components))).ToList()
            : [];

    public IReadOnlyList<string> Required => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("required", out var required)
        ? required.EnumerateArray().Select(r => r.GetString()!).ToList()
        : [];

    public JsonSchema? Items => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("items", out var items)
        ? new JsonSchema(items, components)
        : null;

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 16 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } path
                && path.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                && components.ValueKind == JsonValueKind.Object
                && components.TryGetProperty(path["#/components/schemas/".Length..], out var target))
            {
                schema = target;
            }
            else if ((schema.TryGetProperty("oneOf", out var choices) || schema.TryGetProperty("anyOf", out choices))
                && choices.EnumerateArray().FirstOrDefault(IsNotNull) is { ValueKind: JsonValueKind.Object } choice)
            {
                schema = choice;
            }
            else
            {
                break;
            }
        }
        return schema;

        static bool IsNotNull(JsonElement choice) =>
            !(choice.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null");
    }
}
