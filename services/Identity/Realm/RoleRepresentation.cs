namespace Fenghuo.Identity.Realm;

/// <summary>Keycloak's RoleRepresentation, as the admin API reads and writes it.</summary>
public sealed class RoleRepresentation
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool Composite { get; init; }

    public bool ClientRole { get; init; }

    /// <summary>For a realm role, the realm it belongs to.</summary>
    public string? ContainerId { get; init; }
}
