using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Warnings.Data;
using Fenghuo.Warnings.Domain;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Warnings.Acts;

/// <summary>What came of an act: the warning as it now stands, or why nothing changed.</summary>
public sealed record ActOutcome(WarningRecord? Record, Refusal? Refusal, IReadOnlyList<FieldError> Errors, bool Replayed = false)
{
    public static ActOutcome Missing { get; } = new(null, null, []);

    public bool IsMissing => Record is null && Refusal is null && Errors.Count == 0;

    public static ActOutcome Done(WarningRecord record, bool replayed = false) => new(record, null, [], replayed);

    public static ActOutcome Refused(Refusal refusal) => new(null, refusal, []);

    public static ActOutcome Invalid(params IReadOnlyList<FieldError> errors) => new(null, null, errors);
}
