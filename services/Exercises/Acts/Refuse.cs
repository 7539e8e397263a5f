using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Exercises.Acts;

/// <summary>Shorthands for an act's refusals.</summary>
internal static class Refuse
{
    public static Task<ActOutcome?> With(Refusal refusal) => Task.FromResult<ActOutcome?>(ActOutcome.Refused(refusal));

    public static Task<ActOutcome?> Fields(IReadOnlyList<FieldError> errors) => Task.FromResult<ActOutcome?>(ActOutcome.Invalid(errors));

    public static Task<ActOutcome?> Field(FieldError error) => Task.FromResult<ActOutcome?>(ActOutcome.Invalid(error));
}
