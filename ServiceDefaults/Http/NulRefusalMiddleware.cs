using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fenghuo.ServiceDefaults.Http;

/// <summary>
/// A query or form value with U+0000 is refused before any endpoint sees it, as JSON text with it
/// is (<c>TextWithoutNul</c>): PostgreSQL's text cannot hold it, and the OpenID Connect endpoints
/// failed on it with a server error instead of saying what was wrong.
/// </summary>
public sealed class NulRefusalMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (FieldWithNul(context.Request.Query) is { } inQuery)
        {
            await Refuse(context, inQuery);
            return;
        }
        if (context.Request.HasFormContentType)
        {
            IFormCollection form;
            // Read from a buffer and rewound: whatever comes next (an endpoint, or the gateway's proxy) reads the body again.
            context.Request.EnableBuffering();
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
                context.Request.Body.Position = 0;
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                await Problems.Validation(new FieldError("body", "invalid_body", "请求内容不是有效的表单", "The request body is not a valid form"))
                    .ExecuteAsync(context);
                return;
            }
            if (FieldWithNul(form) is { } inForm)
            {
                await Refuse(context, inForm);
                return;
            }
        }
        await next(context);
    }

    private static string? FieldWithNul(IEnumerable<KeyValuePair<string, StringValues>> fields) =>
        fields.FirstOrDefault(f => f.Key.Contains('\0') || f.Value.Any(v => v?.Contains('\0') == true)) is { Key: not null } field
            ? field.Key.Replace("\0", "\\u0000", StringComparison.Ordinal)
            : null;

    private static Task Refuse(HttpContext context, string field) =>
        Problems.Validation(new FieldError(field, "invalid_character", "不得包含空字符 (U+0000)", "May not contain the NUL character (U+0000)"))
            .ExecuteAsync(context);
}
