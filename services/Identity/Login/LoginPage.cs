using System.Text;
using System.Text.Encodings.Web;
using Fenghuo.ServiceDefaults.Http;

namespace Fenghuo.Identity.Login;

/// <summary>
/// The server-rendered pages of the browser flow: sign in, change a temporary password, confirm a
/// logout, and a plain message. Chinese first with English beside, no scripts, nothing loaded from elsewhere.
/// </summary>
public static class LoginPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static IResult SignIn(string action, string authRequest, string guard, string? username, string? error) =>
        Page("登录 Sign in", $"""
            <h1>烽火应急平台 <small>Fenghuo</small></h1>
            {Error(error)}
            <form method="post" action="{Html.Encode(action)}">
              <input type="hidden" name="auth_request" value="{Html.Encode(authRequest)}">
              <input type="hidden" name="guard" value="{Html.Encode(guard)}">
              <label for="username">用户名 <small>Username</small></label>
              <input id="username" name="username" autocomplete="username" autofocus required value="{Html.Encode(username ?? string.Empty)}">
              <label for="password">密码 <small>Password</small></label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">登录 <small>Sign in</small></button>
            </form>
            """);

    public static IResult UpdatePassword(string action, string authRequest, string guard, string sessionCode, IReadOnlyList<FieldError> errors) =>
        Page("修改密码 Update password", $"""
            <h1>请修改初始密码 <small>Update password</small></h1>
            <p>首次登录或密码被重置后，需要设置新密码才能继续。<br><small>You need to change your password to activate your account.</small></p>
            {Error(errors.Count == 0 ? null : string.Join("<br>", errors.Select(e => Html.Encode(e.Combined))), encoded: true)}
            <form method="post" action="{Html.Encode(action)}">
              <input type="hidden" name="auth_request" value="{Html.Encode(authRequest)}">
              <input type="hidden" name="guard" value="{Html.Encode(guard)}">
              <input type="hidden" name="session_code" value="{Html.Encode(sessionCode)}">
              <label for="password-new">新密码 <small>New password</small></label>
              <input id="password-new" name="password-new" type="password" autocomplete="new-password" autofocus required>
              <label for="password-confirm">确认新密码 <small>Confirm password</small></label>
              <input id="password-confirm" name="password-confirm" type="password" autocomplete="new-password" required>
              <button type="submit">提交 <small>Submit</small></button>
            </form>
            """);

    /// <summary>Keycloak's "Do you want to log out?": the logout happens only when this form is posted.</summary>
    public static IResult ConfirmLogout(string action, string guard, IReadOnlyDictionary<string, string> carried) =>
        Page("退出登录 Sign out", $"""
            <h1>确定要退出烽火平台吗？ <small>Do you want to sign out?</small></h1>
            <form method="post" action="{Html.Encode(action)}">
              <input type="hidden" name="guard" value="{Html.Encode(guard)}">
              {string.Join("\n  ", carried.Select(p => $"""<input type="hidden" name="{Html.Encode(p.Key)}" value="{Html.Encode(p.Value)}">"""))}
              <button type="submit">退出 <small>Sign out</small></button>
            </form>
            """);

    public static IResult Message(string title, string text, int statusCode = StatusCodes.Status200OK) =>
        Page(title, $"""
            <h1>{Html.Encode(title)}</h1>
            <p>{Html.Encode(text)}</p>
            """, statusCode);

    private static string Error(string? message, bool encoded = false) =>
        message is null ? string.Empty : $"""<p class="error" role="alert">{(encoded ? message : Html.Encode(message))}</p>""";

    private static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        new HtmlPage($$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Html.Encode(title)}} · 烽火 Fenghuo</title>
            <style>
              body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f4f5f7; margin: 0; }
              main { max-width: 22rem; margin: 8vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
              h1 { font-size: 1.4rem; color: #b3261e; } small { color: #666; font-weight: normal; }
              label { display: block; margin-top: 1rem; } input { width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; }
              button { margin-top: 1.5rem; width: 100%; padding: .6rem; background: #b3261e; color: #fff; border: 0; border-radius: 4px; }
              .error { background: #fdecea; color: #8a1c14; padding: .75rem; border-radius: 4px; }
            </style>
            </head>
            <body><main>
            {{body}}
            </main></body>
            </html>
            """, statusCode);

    /// <summary>An HTML answer that no cache keeps and no other site may frame.</summary>
    private sealed class HtmlPage(string html, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.XFrameOptions = "DENY";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
            return response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
