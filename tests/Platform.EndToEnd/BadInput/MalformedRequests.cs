using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fenghuo.Platform.EndToEnd.BadInput;

/// <summary>What the platform owes a malformed request.</summary>
public enum Owed
{
    /// <summary>The request is wrong by construction: a 4xx problem, nothing changed.</summary>
    Refusal,

    /// <summary>Hostile but possibly meaningful (free text in a search, unknown query parameters, a body nobody reads): anything but a failure of the server.</summary>
    Composure,
}

/// <summary>One generated request; <see cref="Case"/> with the seed reproduces it.</summary>
/// <param name="Field">The field a 400 must name among its field errors, when the defect is in one the caller can be told of.</param>
public sealed record MalformedRequest(
    int Case, OperationShape Shape, string Defect, Owed Owed, string Caller, HttpMethod Method, string Path, string? ContentType, byte[]? Body,
    string? Field = null)
{
    public override string ToString() => $"case {Case}: {Method} {Path} as {Caller} — {Defect}"
        + (Body is null ? "" : $" [{ContentType ?? "no content type"}, {Body.Length} bytes: {Preview(Body)}]");

    private static string Preview(byte[] body) => body.Length <= 160 ? Encoding.UTF8.GetString(body) : Encoding.UTF8.GetString(body, 0, 160) + "…";
}

/// <summary>
/// A seeded generator of malformed requests for an operation, from what its OpenAPI document says
/// it takes. Every request carries <paramref name="marker"/> in its strings so that anything of it
/// that was stored can be found. The same seed gives the same requests.
/// </summary>
public sealed class MalformedRequests(int seed, string marker, IReadOnlyList<(string User, string Tenant)> callers, string admin)
{
    // 1 MiB is the gateway's limit; this passes it whatever the encoding.
    private const int OversizedChars = 1_100_000;

    private static readonly string[] HostileText =
    [
        "<script>alert('烽火')</script>",
        "\"><img src=x onerror=alert(document.cookie)>",
        "'; DROP TABLE incident; --",
        "' OR '1'='1",
        "1; SELECT pg_sleep(10)--",
        "${jndi:ldap://127.0.0.1/a}",
        "{{7*7}}",
        "\u202Egnp.exe",
        "\u0007\u001b[31m红色\u001b[0m",
        "🔥烽火🔥",
        "null",
        "   ",
    ];

    // Already percent-encoded where needed; none names a real record.
    private static readonly string[] HostilePathSegments =
    [
        "00000000-0000-0000-0000-000000000000",
        "not-a-guid",
        "%27%20OR%20%271%27%3D%271",
        "1%3BDROP%20TABLE%20incident",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "%C3%28",
        "%FF%FE",
        "%E2%80%AE",
        "-1",
        "99999999999999999999",
        "%E7%83%BD%E7%81%AB",
        "%20",
        "%7Bid%7D",
        new string('x', 2000),
    ];

    private static readonly string[] BadIntegers = ["abc", "1.5", "1e400", "99999999999999999999", "-99999999999999999999", "0x10", "-1", "2147483648", "%00", "NaN"];
    private static readonly string[] BadBooleans = ["maybe", "2", "yes", "%00", "TRUE%20OR%201%3D1"];
    private static readonly string[] BadDates = ["2026-13-45T00:00:00Z", "yesterday", "%2B275760-09-13T00:00:00Z", "0000-00-00", "2026-02-30T25:61:00Z", "%00"];
    // Not application/*+json: ASP.NET reads every JSON-suffixed type as JSON, rightly.
    private static readonly string[] WrongContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fenghuo", "text/csv; charset=utf-8"];

    public IEnumerable<MalformedRequest> For(OperationShape shape, int count, int firstCase)
    {
        var random = new Random(HashCode.Combine(seed, Stable(shape.Operation.ToString())));
        var makers = MakersFor(shape);
        for (var i = 0; i < count; i++)
        {
            // Round robin over the kinds that apply, so every operation meets every one of them.
            var maker = makers[i % makers.Count];
            var caller = CallerFor(shape, random);
            var request = maker(random, caller);
            var path = request.PathSegments ?? ReachablePath(shape, caller, random);
            yield return new MalformedRequest(
                firstCase + i, shape, request.Defect, request.Owed, caller.User, shape.Operation.Method,
                path + (request.Query is { Length: > 0 } q ? "?" + q : ""), request.ContentType, request.Body, request.Field);
        }
    }

    private delegate Made Maker(Random random, (string User, string Tenant) caller);

    private sealed record Made(
        string Defect, Owed Owed, string? ContentType = null, byte[]? Body = null, string? PathSegments = null, string? Query = null, string? Field = null);

    private List<Maker> MakersFor(OperationShape shape)
    {
        var makers = new List<Maker>();
        var operation = shape.Operation;
        if (shape.JsonBody is { } body)
        {
            makers.AddRange(BodyMakers(body));
        }
        if (operation.Parameters.Any())
        {
            makers.Add((random, caller) => PathDefect(shape, random, caller));
            makers.Add((random, caller) => PathDefect(shape, random, caller));
        }
        if (operation.Method == HttpMethod.Get)
        {
            foreach (var (name, schema) in shape.Query)
            {
                if (TypedValues(schema) is { } bad)
                {
                    makers.Add((random, _) => new Made($"query {name} not a {schema.Format ?? schema.Kind}", Owed.Refusal, Query: $"{name}={Pick(random, bad)}", Field: name));
                }
                else
                {
                    makers.Add((random, _) => new Made($"hostile text in query {name}", Owed.Composure,
                        Query: $"{name}={Uri.EscapeDataString(marker + Pick(random, HostileText))}"));
                }
            }
            makers.Add((random, _) => new Made("unknown query parameters", Owed.Composure,
                Query: $"{Uri.EscapeDataString(Pick(random, HostileText))}={Uri.EscapeDataString(marker + Pick(random, HostileText))}&debug=true&%00=%C3%28"));
        }
        else if (shape.JsonBody is null)
        {
            // A body where none is read: refused when the target does not exist, otherwise merely survived.
            var owed = operation.Parameters.Any(p => !IsReachable(p)) ? Owed.Refusal : Owed.Composure;
            makers.Add((random, _) => new Made("a body where none is expected", owed, "application/json", Encoding.UTF8.GetBytes("{\"" + marker + "\":[1,2,{\"a\":")));
            makers.Add((random, _) => new Made("a form body where none is expected", owed, Pick(random, WrongContentTypes),
                Encoding.UTF8.GetBytes($"grant_type={Uri.EscapeDataString(Pick(random, HostileText))}&username={marker}&password=%00%C3%28")));
        }
        return makers;
    }

    private IEnumerable<Maker> BodyMakers(JsonSchema body)
    {
        const string json = "application/json";
        yield return (random, _) =>
        {
            var text = Serialize(Sample(body, random, 0));
            string[] broken = [text[..Math.Max(1, random.Next(1, text.Length))], text + ",", "{" + marker, "{'a':1}", "{a:1}", "{\"a\":NaN}", "/*c*/" + text, "{\"a\":1,}", "[" + text];
            return new Made("not JSON", Owed.Refusal, json, Encoding.UTF8.GetBytes(Pick(random, broken)));
        };
        yield return (_, _) => new Made("empty body", Owed.Refusal, json, []);
        yield return (random, _) => new Made("wrong JSON kind at the root", Owed.Refusal, json,
            Encoding.UTF8.GetBytes(Pick(random, ["null", "[]", "42", "\"" + marker + "\"", "true", "[{}]"])));
        yield return (random, _) =>
        {
            var placeholder = "@@" + marker + "@@";
            var root = Sample(body, random, 0);
            var text = SetText(root, body, random, placeholder) ? Serialize(root) : "{\"x\":\"" + placeholder + "\"}";
            byte[][] invalid = [[0xFF, 0xFE], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
            return new Made("invalid UTF-8 in a string", Owed.Refusal, json, Replace(Encoding.UTF8.GetBytes(text), placeholder, Pick(random, invalid)));
        };
        yield return (random, _) =>
        {
            var placeholder = "@@" + marker + "@@";
            var root = Sample(body, random, 0);
            var text = SetText(root, body, random, placeholder) ? Serialize(root) : "{\"x\":\"" + placeholder + "\"}";
            return new Made("unescaped control character in a string", Owed.Refusal, json, Replace(Encoding.UTF8.GetBytes(text), placeholder, [0x41, 0x01, 0x0A, 0x42]));
        };
        if (body.Properties.Count == 0)
        {
            yield break;
        }
        yield return (random, _) => WithProperty(body, random, _ => true, (property, schema) => (
            $"{property} of the wrong JSON kind", Serialize(WrongKind(schema, random))));
        yield return (random, _) => WithProperty(body, random, s => s.Kind == "string" && s.Enum.Count == 0 && s.Format is null, (property, _) => (
            $"NUL character in {property}", Serialize(JsonValue.Create(marker + "\u0000" + Pick(random, HostileText)))));
        yield return (random, _) => WithProperty(body, random, s => s.Kind is "integer" or "number", (property, _) => (
            $"{property} out of range", Pick(random, ["1e400", "-1e400", "99999999999999999999999", "0.1e-400000"])));
        yield return (random, _) => WithProperty(body, random, s => s.Format == "date-time", (property, _) => (
            $"{property} not a date", Serialize(JsonValue.Create(Pick(random, ["2026-13-45T00:00:00Z", "+275760-09-13T00:00:00Z", "0000-00-00T00:00:00Z", "2026-02-30T25:61:00Z", marker])))));
        yield return (random, _) => WithProperty(body, random, s => s.Enum.Count > 0, (property, _) => (
            $"{property} not one of its values", Serialize(JsonValue.Create(Pick(random, ["no_such_value", marker, "' OR '1'='1", "<b>III</b>", "I ", ""])))));
        yield return (random, _) => WithProperty(body, random, _ => true, (property, _) => (
            $"{property} nested 5000 deep", new string('[', 5000) + new string(']', 5000)));
        yield return (random, _) =>
        {
            var root = (JsonObject)Sample(body, random, 0)!;
            var (name, schema) = Pick(random, body.Properties);
            // Serialised by hand: a JSON object model cannot hold one name twice.
            var duplicate = $"\"{name}\":{Serialize(WrongKind(schema, random) ?? JsonValue.Create(marker))}";
            var text = Serialize(root);
            return new Made($"{name} given twice", Owed.Refusal, json, Encoding.UTF8.GetBytes("{" + duplicate + "," + text[1..]));
        };
        yield return (random, _) => new Made("wrong content type", Owed.Refusal, Pick(random, [.. WrongContentTypes, null]),
            Encoding.UTF8.GetBytes(Serialize(Sample(body, random, 0))));
        yield return (random, _) =>
        {
            var root = (JsonObject)Sample(body, random, 0)!;
            root[Pick(random, body.Properties).Name] = marker + new string('烽', OversizedChars);
            return new Made("oversized body", Owed.Refusal, json, Encoding.UTF8.GetBytes(Serialize(root)));
        };
        if (body.Required.Count > 0)
        {
            yield return (random, _) =>
            {
                var root = (JsonObject)Sample(body, random, 0)!;
                foreach (var required in body.Required)
                {
                    root.Remove(required);
                }
                root["unexpected_" + random.Next(1000)] = marker + Pick(random, HostileText);
                root["__proto__"] = new JsonObject { ["admin"] = true };
                return new Made("required fields missing, unknown ones added", Owed.Refusal, json, Encoding.UTF8.GetBytes(Serialize(root)));
            };
        }
    }

    /// <summary>A plausible body with one property spoiled; the spoiled value is JSON text, so it can be what a JSON object model refuses to hold (1e400, 5000 levels).</summary>
    private Made WithProperty(JsonSchema body, Random random, Func<JsonSchema, bool> fits, Func<string, JsonSchema, (string Defect, string Json)> spoil)
    {
        var candidates = body.Properties.Where(p => fits(p.Schema)).ToList();
        if (candidates.Count == 0)
        {
            return new Made("wrong JSON kind at the root", Owed.Refusal, "application/json", Encoding.UTF8.GetBytes("[\"" + marker + "\"]"));
        }
        var root = (JsonObject)Sample(body, random, 0)!;
        var (name, schema) = Pick(random, candidates);
        var (defect, json) = spoil(name, schema);
        var placeholder = "@@raw" + marker + "@@";
        root[name] = placeholder;
        var text = Serialize(root).Replace("\"" + placeholder + "\"", json, StringComparison.Ordinal);
        return new Made(defect, Owed.Refusal, "application/json", Encoding.UTF8.GetBytes(text));
    }

    private JsonNode? WrongKind(JsonSchema schema, Random random) => schema.Kind switch
    {
        "string" => Pick<JsonNode?>(random, [JsonValue.Create(42), new JsonObject { ["x"] = marker }, new JsonArray(marker), JsonValue.Create(true)]),
        "integer" or "number" => Pick<JsonNode?>(random, [JsonValue.Create(marker), new JsonArray(1), JsonValue.Create(true), new JsonObject()]),
        "boolean" => Pick<JsonNode?>(random, [JsonValue.Create("yes"), JsonValue.Create(1), new JsonArray(), JsonValue.Create(marker)]),
        "array" => Pick<JsonNode?>(random, [JsonValue.Create(marker), new JsonObject { ["0"] = marker }, JsonValue.Create(7)]),
        "object" => Pick<JsonNode?>(random, [JsonValue.Create(marker), new JsonArray(marker), JsonValue.Create(7)]),
        _ => new JsonArray(new JsonArray(JsonValue.Create(marker))),
    };

    /// <summary>A plausible value of the schema, its strings laced with the marker and hostile text.</summary>
    private JsonNode? Sample(JsonSchema schema, Random random, int depth) => Sample(schema, random, depth, new Huge());

    /// <summary>At most one huge string or array a body, so that a body stays under the gateway's limit unless it means to pass it.</summary>
    private sealed class Huge
    {
        public bool Spent { get; private set; }

        public bool Take(Random random, int oneIn)
        {
            if (Spent || random.Next(oneIn) != 0)
            {
                return false;
            }
            Spent = true;
            return true;
        }
    }

    private JsonNode? Sample(JsonSchema schema, Random random, int depth, Huge huge)
    {
        if (depth > 4)
        {
            return null;
        }
        if (schema.Enum.Count > 0)
        {
            return JsonValue.Create(Pick(random, schema.Enum));
        }
        switch (schema.Kind)
        {
            case "object":
                var obj = new JsonObject();
                foreach (var (name, property) in schema.Properties)
                {
                    obj[name] = Sample(property, random, depth + 1, huge);
                }
                return obj;
            case "array":
                var array = new JsonArray();
                // Now and then a huge array, to see it refused or borne, never a crash.
                var length = huge.Take(random, 20) ? 5000 : random.Next(1, 3);
                for (var i = 0; i < length && schema.Items is { } items; i++)
                {
                    array.Add(Sample(items, random, depth + 1, huge));
                }
                return array;
            case "integer":
                return JsonValue.Create(random.Next(-2, 10));
            case "number":
                return JsonValue.Create(random.NextDouble() * 10);
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
        }
        return schema.Format switch
        {
            "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.AddMinutes(-random.Next(0, 600))),
            "uuid" => JsonValue.Create(RandomGuid(random)),
            _ => JsonValue.Create(Text(random, huge)),
        };
    }

    private string Text(Random random, Huge huge) => huge.Take(random, 25)
        ? marker + new string('长', 20_000)
        : marker + Pick(random, HostileText);

    /// <summary>Puts <paramref name="value"/> into a string field of the object, if it has one.</summary>
    private static bool SetText(JsonNode? root, JsonSchema schema, Random random, string value)
    {
        if (root is not JsonObject obj)
        {
            return false;
        }
        var strings = schema.Properties.Where(p => p.Schema.Kind == "string" && p.Schema.Enum.Count == 0).ToList();
        if (strings.Count == 0)
        {
            return false;
        }
        obj[Pick(random, strings).Name] = value;
        return true;
    }

    private Made PathDefect(OperationShape shape, Random random, (string User, string Tenant) caller)
    {
        var parameters = shape.Operation.Parameters.ToList();
        var spoiled = Pick(random, parameters);
        var path = shape.Operation.PathTemplate;
        foreach (var parameter in parameters)
        {
            path = path.Replace($"{{{parameter}}}", parameter == spoiled ? Pick(random, HostilePathSegments) : ReachableValue(parameter, caller, random));
        }
        byte[]? body = shape.JsonBody is { } schema ? Encoding.UTF8.GetBytes(Serialize(Sample(schema, random, 0))) : null;
        return new Made($"{spoiled} names nothing", Owed.Refusal, body is null ? null : "application/json", body, path);
    }

    private string ReachablePath(OperationShape shape, (string User, string Tenant) caller, Random random) =>
        shape.Operation.Parameters.Aggregate(shape.Operation.PathTemplate, (path, p) => path.Replace($"{{{p}}}", ReachableValue(p, caller, random)));

    /// <summary>Parameters with a real value get one, so a body defect is met by the body's reader rather than a 404 in front of it.</summary>
    private static bool IsReachable(string parameter) => parameter is "realm" or "code" or "version";

    private static string ReachableValue(string parameter, (string User, string Tenant) caller, Random random) => parameter switch
    {
        "realm" => "fenghuo",
        "code" => caller.Tenant,
        "version" => "1",
        _ => RandomGuid(random).ToString(),
    };

    private static Guid RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private (string User, string Tenant) CallerFor(OperationShape shape, Random random) =>
        shape.Operation.PathTemplate.StartsWith("/admin/", StringComparison.Ordinal) || random.Next(8) == 0
            ? (admin, Pick(random, callers).Tenant)
            : Pick(random, callers);

    private static string[]? TypedValues(JsonSchema schema) =>
        schema.Format == "date-time" ? BadDates
        : schema.Kind is "integer" or "number" ? BadIntegers
        : schema.Kind == "boolean" ? BadBooleans
        : null;

    private static string Serialize(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";

    private static byte[] Replace(byte[] text, string placeholder, byte[] with)
    {
        var needle = Encoding.UTF8.GetBytes(placeholder);
        var at = text.AsSpan().IndexOf(needle);
        return at < 0 ? text : [.. text[..at], .. with, .. text[(at + needle.Length)..]];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // string.GetHashCode differs between runs; the seed must not.
    private static int Stable(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = hash * 31 + c;
            }
            return hash;
        }
    }
}
