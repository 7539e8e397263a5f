using Fenghuo.Contracts;

namespace Fenghuo.Warnings.Domain;

/// <summary>Why an act was refused, said for the user in Chinese and English; a refused act changes nothing.</summary>
public sealed record Refusal(int Status, string Code, string MessageZh, string MessageEn)
{
    public static Refusal InvalidState(WarningState state, string actZh, string actEn) =>
        new(StatusCodes.Status409Conflict, state == WarningState.Lifted ? "already_lifted" : "invalid_state",
            $"预警当前状态为「{state.Chinese()}」，不能{actZh}",
            $"Cannot {actEn} while the warning is {EnumLabel.Of(state)}");

    public static Refusal RoleNotAllowed(IReadOnlyCollection<string> roles, string actZh, string actEn) =>
        new(StatusCodes.Status403Forbidden, "role_not_allowed",
            $"{actZh}需要以下角色之一：{string.Join("、", roles.Select(RoleNames.Chinese))}",
            $"To {actEn} requires one of the roles: {string.Join(", ", roles)}");

    /// <summary>谁发布谁解除: only the issuing tenant issues, adjusts and lifts its warning.</summary>
    public static Refusal NotIssuer(string issuerCode, string issuerName, string actZh, string actEn) =>
        new(StatusCodes.Status403Forbidden, "not_issuer",
            $"按“谁发布、谁解除”，{actZh}只能由发布单位{issuerName}进行",
            $"Only the issuer {issuerCode} may {actEn}");

    public static Refusal NotReached(string actZh, string actEn) =>
        new(StatusCodes.Status403Forbidden, "not_reached",
            $"本单位不是该预警的接收单位，不能{actZh}", $"This warning was not sent to the caller's jurisdiction, so it cannot {actEn}");

    public static Refusal Conflict(string code, string messageZh, string messageEn) =>
        new(StatusCodes.Status409Conflict, code, messageZh, messageEn);
}
