namespace Fenghuo.Platform.EndToEnd;

/// <summary>One operation a service documents in its OpenAPI document.</summary>
public sealed record ApiOperation(string Service, HttpMethod Method, string PathTemplate, bool AllowsAnonymous)
{
    public IEnumerable<string> Parameters =>
        PathTemplate.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]);

    public override string ToString() => $"{Method} {PathTemplate} ({Service})";
}
