using System.Text;
using System.Text.Json;

namespace Fenghuo.Summaries.Domain;

/// <summary>Reads a tally's count map (<c>{"key": count, …}</c>, as PostgreSQL writes jsonb) without building a document per row.</summary>
public static class CountMap
{
    public static void Read(string json, Action<string, long> each)
    {
        if (json.Length <= 2)
        {
            return;
        }
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        string? key = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    key = reader.GetString();
                    break;
                case JsonTokenType.Number when key is not null:
                    each(key, reader.GetInt64());
                    key = null;
                    break;
            }
        }
    }
}
