using System.Net.Http.Json;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>Every operation of every service, read from the OpenAPI documents the gateway serves.</summary>
public static class ApiCatalogue
{
    public static readonly string[] Services = ["identity", "jurisdictions", "incidents", "warnings", "notifications", "exercises", "summaries"];

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(GatewayClient gateway)
    {
        var operations = new List<ApiOperation>();
        foreach (var service in Services)
        {
            var document = await gateway.Anonymous.GetFromJsonAsync<JsonElement>($"openapi/{service}.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
                {
                    // An operation that declares no security requirement and an empty one is anonymous by design.
                    var anonymous = method.Value.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
                    var streams = method.Value.TryGetProperty("responses", out var responses)
                        && responses.TryGetProperty("200", out var ok) && ok.TryGetProperty("content", out var content)
                        && content.TryGetProperty("text/event-stream", out _);
                    operations.Add(new ApiOperation(service, new HttpMethod(method.Name.ToUpperInvariant()), path.Name, anonymous, streams));
                }
            }
        }
        return operations;
    }
}
