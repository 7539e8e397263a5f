namespace Fenghuo.Gateway.Routing;

/// <summary>A service behind the gateway, known by its service-discovery name.</summary>
/// <param name="Name">The Aspire resource name, resolved from services:{Name}:http:0.</param>
/// <param name="DocumentName">How the gateway names its OpenAPI document: /openapi/{DocumentName}.json.</param>
/// <param name="Title">What the docs page calls it.</param>
public sealed record DownstreamService(string Name, string DocumentName, string Title)
{
    public string Address => $"http://{Name}";

    public string OpenApiPath => $"/openapi/{DocumentName}.json";

    /// <summary>Where the service itself serves its document (ServiceDefaults maps /openapi/{documentName}.json).</summary>
    public const string OwnOpenApiPath = "/openapi/v1.json";

    public const string OwnHealthPath = "/health";
}
