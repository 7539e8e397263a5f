using Fenghuo.Contracts;

namespace Fenghuo.Incidents.Domain;

/// <summary>Why an act was refused, said for the user in Chinese and English; a refused act changes nothing.</summary>
public sealed record Refusal(int Status, string Code, string MessageZh, string MessageEn)
{
    public static Refusal InvalidState(IncidentState state, string actZh, string actEn) =>
        new(StatusCodes.Status409Conflict, "invalid_state",
            $"事件当前状态为「{EnumLabel.Chinese(state)}」，不能{actZh}",
            $"Cannot {actEn} while the incident is {EnumLabel.Of(state)}");

    public static Refusal RoleNotAllowed(IReadOnlyCollection<string> roles, string actZh, string actEn) =>
        new(StatusCodes.Status403Forbidden, "role_not_allowed",
            $"{actZh}需要以下角色之一：{string.Join("、", roles.Select(RoleNames.Chinese))}",
            $"To {actEn} requires one of the roles: {string.Join(", ", roles)}");

    public static Refusal NotInCommand(string tenantCode, string tenantZh, string actZh, string actEn) =>
        new(StatusCodes.Status403Forbidden, "not_in_command",
            $"{actZh}应由{tenantZh}进行",
            $"Only {tenantCode} may {actEn}");

    public static Refusal Conflict(string code, string messageZh, string messageEn) =>
        new(StatusCodes.Status409Conflict, code, messageZh, messageEn);
}
