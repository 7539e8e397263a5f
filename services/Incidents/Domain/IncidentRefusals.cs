using Fenghuo.Contracts.Incidents;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;

namespace Fenghuo.Incidents.Domain;

/// <summary>The refusals only incidents have, next to the shared ones of <see cref="Refusal"/>.</summary>
public static class IncidentRefusals
{
    extension(Refusal)
    {
        public static Refusal InvalidState(IncidentState state, string actZh, string actEn) =>
            new(StatusCodes.Status409Conflict, "invalid_state",
                $"事件当前状态为「{EnumLabel.Chinese(state)}」，不能{actZh}",
                $"Cannot {actEn} while the incident is {EnumLabel.Of(state)}");

        public static Refusal NotInCommand(string tenantCode, string tenantZh, string actZh, string actEn) =>
            new(StatusCodes.Status403Forbidden, "not_in_command",
                $"{actZh}应由{tenantZh}进行",
                $"Only {tenantCode} may {actEn}");
    }
}
