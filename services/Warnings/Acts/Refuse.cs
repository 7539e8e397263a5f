using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Warnings.Domain;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Warnings.Acts;

/// <summary>Shorthands for an act's refusals.</summary>
internal static class Refuse
{
    public static Task<ActOutcome?> With(Refusal refusal) => Task.FromResult<ActOutcome?>(ActOutcome.Refused(refusal));

    public static Task<ActOutcome?> Field(FieldError error) => Task.FromResult<ActOutcome?>(ActOutcome.Invalid(error));
}
