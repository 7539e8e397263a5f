using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Exercises.Data;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Exercises.Acts;

/// <summary>What came of an act: the exercise as it now stands, or why nothing changed.</summary>
public sealed record ActOutcome(ExerciseRecord? Record, Refusal? Refusal, IReadOnlyList<FieldError> Errors, bool Replayed = false)
{
    public static ActOutcome Missing { get; } = new(null, null, []);

    public bool IsMissing => Record is null && Refusal is null && Errors.Count == 0;

    public static ActOutcome Done(ExerciseRecord record, bool replayed = false) => new(record, null, [], replayed);

    public static ActOutcome Refused(Refusal refusal) => new(null, refusal, []);

    public static ActOutcome Invalid(params IReadOnlyList<FieldError> errors) => new(null, null, errors);
}
