using Microsoft.AspNetCore.Http;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>
/// Why an act was refused, said for the user in Chinese and English; a refused act changes nothing.
/// The refusals every service has are here; a service adds its own (who holds command, who issued)
/// as static extension members of this type in its Domain folder.
/// </summary>
public sealed record Refusal(int Status, string Code, string MessageZh, string MessageEn)
{
    public static Refusal RoleNotAllowed(IReadOnlyCollection<string> roles, string actZh, string actEn) =>
        new(StatusCodes.Status403Forbidden, "role_not_allowed",
            $"{actZh}需要以下角色之一：{string.Join("、", roles.Select(RoleNames.Chinese))}",
            $"To {actEn} requires one of the roles: {string.Join(", ", roles)}");

    public static Refusal Conflict(string code, string messageZh, string messageEn) =>
        new(StatusCodes.Status409Conflict, code, messageZh, messageEn);
}
