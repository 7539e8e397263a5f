namespace Fenghuo.Platform.EndToEnd;

/// <summary>One operation a service documents in its OpenAPI document.</summary>
/// <param name="Streams">It answers a never-ending event stream (text/event-stream) rather than a document.</param>
public sealed record ApiOperation(string Service, HttpMethod Method, string PathTemplate, bool AllowsAnonymous, bool Streams)
{
    public IEnumerable<string> Parameters =>
        PathTemplate.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]);

    public override string ToString() => $"{Method} {PathTemplate} ({Service})";
}
