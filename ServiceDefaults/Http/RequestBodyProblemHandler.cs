using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Fenghuo.ServiceDefaults.Http;

/// <summary>
/// A body that is not JSON, or a value of the wrong kind (an unknown enum label, text where a
/// number belongs), in the body or in the query, is the caller's mistake: answered as a field error
/// like any other, in Chinese and English, instead of a bare 400. Minimal APIs say which parameter
/// they could not bind only in the exception's message, so the field is read from it.
/// </summary>
public sealed partial class RequestBodyProblemHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        if (badRequest.StatusCode != StatusCodes.Status400BadRequest)
        {
            // Too large, too slow: not a field's fault.
            httpContext.Response.StatusCode = badRequest.StatusCode;
            await Results.Problem(statusCode: badRequest.StatusCode).ExecuteAsync(httpContext);
            return true;
        }
        var error = Parameter().Match(badRequest.Message) is { Success: true } parameter
            ? parameter.Groups["missing"].Success
                ? new FieldError(parameter.Groups["name"].Value, "required", "缺少必填参数", "This parameter is required")
                : new FieldError(parameter.Groups["name"].Value, "invalid_value", "该参数的值类型或取值不正确", "This parameter's value has the wrong type or is not one of the allowed values")
            : badRequest.InnerException is JsonException { Path: { } path } && FieldOf(path) is { Length: > 0 } named
                ? new FieldError(named, "invalid_value", "该字段的值类型或取值不正确", "This field's value has the wrong type or is not one of the allowed values")
                : new FieldError("body", "invalid_body", "请求内容不是有效的 JSON", "The request body is not valid JSON");
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Problems.Validation(error).ExecuteAsync(httpContext);
        return true;
    }

    // 'Failed to bind parameter "int? limit" from "abc".' and 'Required parameter "Guid id" was not provided from route.'
    [GeneratedRegex("""^(?:Failed to bind parameter|(?<missing>Required parameter)) "[^"]* @?(?<name>[A-Za-z_][A-Za-z0-9_]*)"(?: from| was not provided)""")]
    private static partial Regex Parameter();

    // "$.users[0].roles" → "users[0].roles", the same paths the domain's own field errors use.
    private static string FieldOf(string jsonPath) => jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
}
