using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Fenghuo.ServiceDefaults.Http;

/// <summary>
/// A body that is not JSON, or a value of the wrong kind (an unknown enum label, text where a
/// number belongs), is the caller's mistake: answered as a field error like any other, in
/// Chinese and English, instead of a bare 400.
/// </summary>
public sealed class RequestBodyProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        var field = badRequest.InnerException is JsonException { Path: { } path } && FieldOf(path) is { Length: > 0 } named ? named : "body";
        var error = field == "body"
            ? new FieldError("body", "invalid_body", "请求内容不是有效的 JSON", "The request body is not valid JSON")
            : new FieldError(field, "invalid_value", "该字段的值类型或取值不正确", "This field's value has the wrong type or is not one of the allowed values");
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Problems.Validation(error).ExecuteAsync(httpContext);
        return true;
    }

    // "$.users[0].roles" → "users[0].roles", the same paths the domain's own field errors use.
    private static string FieldOf(string jsonPath) => jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
}
