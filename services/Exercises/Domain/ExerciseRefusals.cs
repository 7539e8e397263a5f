using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;

namespace Fenghuo.Exercises.Domain;

/// <summary>The refusals only exercises have, next to the shared ones of <see cref="Refusal"/>.</summary>
public static class ExerciseRefusals
{
    extension(Refusal)
    {
        /// <summary>Too early (not started, not ended) or too late (already started, ended, evaluated) for the act.</summary>
        public static Refusal InvalidState(ExerciseState state, ActRule rule) =>
            new(StatusCodes.Status409Conflict, state < rule.From.Min()
                    ? (state == ExerciseState.Planned ? "not_started" : "not_ended")
                    : rule == Lifecycle.Start ? "already_started" : state == ExerciseState.Evaluated ? "already_evaluated" : "already_ended",
                $"演练当前状态为「{EnumLabel.Chinese(state)}」，不能{rule.Zh}",
                $"Cannot {rule.En} while the exercise is {EnumLabel.Of(state)}");

        public static Refusal NotOrganiser(string organiserName, string actZh, string actEn) =>
            new(StatusCodes.Status403Forbidden, "not_organiser",
                $"{actZh}只能由组织单位{organiserName}进行", $"Only the organising jurisdiction may {actEn}");

        public static Refusal NotTarget(string actZh, string actEn) =>
            new(StatusCodes.Status403Forbidden, "not_target",
                $"该情景注入不是发给本单位的，不能{actZh}", $"The inject was not addressed to the caller's jurisdiction, so it cannot {actEn}");
    }
}
