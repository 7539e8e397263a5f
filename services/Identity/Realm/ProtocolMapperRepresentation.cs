namespace Fenghuo.Identity.Realm;

/// <summary>A Keycloak protocol mapper: what it is (<see cref="ProtocolMapper"/>) and its settings.</summary>
public sealed class ProtocolMapperRepresentation
{
    public const string UserAttributeMapper = "oidc-usermodel-attribute-mapper";
    public const string AudienceMapper = "oidc-audience-mapper";

    public string? Name { get; init; }

    public string? Protocol { get; init; }

    public string? ProtocolMapper { get; init; }

    public Dictionary<string, string> Config { get; init; } = [];

    public bool IsOn(string key) => Config.TryGetValue(key, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public string? Setting(string key) => Config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
