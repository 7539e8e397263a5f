using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;

namespace Fenghuo.Warnings.Domain;

/// <summary>The refusals only warnings have, next to the shared ones of <see cref="Refusal"/>.</summary>
public static class WarningRefusals
{
    extension(Refusal)
    {
        public static Refusal InvalidState(WarningState state, string actZh, string actEn) =>
            new(StatusCodes.Status409Conflict, state == WarningState.Lifted ? "already_lifted" : "invalid_state",
                $"预警当前状态为「{EnumLabel.Chinese(state)}」，不能{actZh}",
                $"Cannot {actEn} while the warning is {EnumLabel.Of(state)}");

        /// <summary>谁发布谁解除: only the issuing tenant issues, adjusts and lifts its warning.</summary>
        public static Refusal NotIssuer(string issuerCode, string issuerName, string actZh, string actEn) =>
            new(StatusCodes.Status403Forbidden, "not_issuer",
                $"按“谁发布、谁解除”，{actZh}只能由发布单位{issuerName}进行",
                $"Only the issuer {issuerCode} may {actEn}");

        public static Refusal NotReached(string actZh, string actEn) =>
            new(StatusCodes.Status403Forbidden, "not_reached",
                $"本单位不是该预警的接收单位，不能{actZh}", $"This warning was not sent to the caller's jurisdiction, so it cannot {actEn}");
    }
}
