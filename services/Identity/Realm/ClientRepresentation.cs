namespace Fenghuo.Identity.Realm;

/// <summary>Keycloak's ClientRepresentation, the fields this service honours.</summary>
public sealed class ClientRepresentation
{
    public string? ClientId { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Protocol { get; init; }

    public bool? Enabled { get; init; }

    public bool? BearerOnly { get; init; }

    public bool? PublicClient { get; init; }

    public string? Secret { get; init; }

    public bool? StandardFlowEnabled { get; init; }

    public bool? ImplicitFlowEnabled { get; init; }

    /// <summary>Keycloak's switch for the resource-owner password grant.</summary>
    public bool? DirectAccessGrantsEnabled { get; init; }

    public bool? ServiceAccountsEnabled { get; init; }

    /// <summary>Exact URIs, or prefixes ending in "*".</summary>
    public List<string> RedirectUris { get; init; } = [];

    /// <summary>e.g. "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+".</summary>
    public Dictionary<string, string> Attributes { get; init; } = [];

    public List<ProtocolMapperRepresentation> ProtocolMappers { get; init; } = [];
}
