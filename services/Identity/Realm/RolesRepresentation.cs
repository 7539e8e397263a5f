namespace Fenghuo.Identity.Realm;

public sealed class RolesRepresentation
{
    public List<RoleRepresentation> Realm { get; init; } = [];
}
