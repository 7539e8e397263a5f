using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fenghuo.ServiceDefaults.Http;

/// <summary>The one way services say "your input is wrong" or "not in this state": RFC 9457 with bilingual field errors.</summary>
public static class Problems
{
    public static ValidationProblem Validation(params IReadOnlyCollection<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Combined).ToArray()),
            title: "请求内容有误 (The request has invalid fields)",
            extensions: new Dictionary<string, object?>
            {
                ["fieldErrors"] = errors.Select(e => new { field = e.Field, code = e.Code, message = e.MessageZh, messageEn = e.MessageEn }).ToArray(),
            });

    public static ProblemHttpResult Conflict(string code, string messageZh, string messageEn) =>
        Refused(StatusCodes.Status409Conflict, code, messageZh, messageEn);

    public static ProblemHttpResult Forbidden(string code, string messageZh, string messageEn) =>
        Refused(StatusCodes.Status403Forbidden, code, messageZh, messageEn);

    /// <summary>An act refused for a reason the caller cannot fix by editing fields (403, 409): a machine code and the reason in both languages.</summary>
    public static ProblemHttpResult Refused(int status, string code, string messageZh, string messageEn) =>
        TypedResults.Problem(
            title: $"{messageZh} ({messageEn})",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
