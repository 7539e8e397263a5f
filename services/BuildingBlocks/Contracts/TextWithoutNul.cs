using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fenghuo.Contracts;

/// <summary>
/// Text with U+0000 is refused where it is read: PostgreSQL's text cannot hold it, so it would
/// otherwise fail as a server error at the database instead of a field error at the door.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text may not contain U+0000.")
            : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
