using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>The one place an act's outcome that is not done becomes an HTTP answer.</summary>
public static class ActResults
{
    /// <summary>Field errors → 400 problem; a refusal → its 403/409 problem; neither → 404 (the caller may not see it).</summary>
    public static Results<TDone, ValidationProblem, ProblemHttpResult, NotFound> Refused<TDone>(Refusal? refusal, IReadOnlyList<FieldError> errors)
        where TDone : IResult =>
        (refusal, errors) switch
        {
            (_, { Count: > 0 }) => Problems.Validation(errors),
            ({ } refused, _) => Problems.Refused(refused.Status, refused.Code, refused.MessageZh, refused.MessageEn),
            _ => TypedResults.NotFound(),
        };
}
