using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Fenghuo.Contracts;

/// <summary>One JSON convention for the API, the outbox and the bus: camelCase, enums as lower_snake strings.</summary>
public static class FenghuoJson
{
    public static JsonSerializerOptions Options { get; } = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Chinese labels stay readable in payloads and logs instead of \uXXXX escapes.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        }
        if (!options.Converters.OfType<TextWithoutNul>().Any())
        {
            options.Converters.Add(new TextWithoutNul());
        }
        // {"grade":"small","grade":"huge"} means two things to two parsers (the gateway, a service, a
        // log reader); refused rather than silently taking the last.
        options.AllowDuplicateProperties = false;
        return options;
    }
}
