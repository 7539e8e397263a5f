using Fenghuo.Portal.Components;
using Fenghuo.Portal.Downloads;
using Fenghuo.Portal.Session;
using Fenghuo.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Fenghuo.Portal.Extensions;

public static class PortalEndpoints
{
    /// <summary>
    /// Pages need what scripts and styles the portal serves itself; Ant Design sets inline styles.
    /// The gateway keeps a policy a response brings and adds its own headers around it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Every user is a Chinese duty officer: AntDesign's texts and date formats follow the circuit's
        // culture, which would otherwise be the server's or, with negotiation, the browser's language.
        app.UseRequestLocalization("zh-CN");
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        app.MapDefaultEndpoints();
        // Inside the defaults' problem-details handler: a page request that fails gets a page in Chinese, never a trace.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorPageAsync });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/signin", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" },
            [OpenIdConnectDefaults.AuthenticationScheme]));
        // A form post with the antiforgery token, so no other site can sign the user out.
        app.MapPost("/signout", (HttpContext http, SessionStore sessions) =>
        {
            http.Items[ApplicationServiceExtensions.SignOutTokens] = sessions.Close(http.User.Session());
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        });
        app.MapGet("/login-failed", () => Results.Content(
            """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>登录未完成 · 烽火</title><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto"><h1>登录未完成</h1><p>登录过程没有完成，可能是页面停留过久或被中断。</p><p><a href="/signin">重新登录</a></p></body></html>""",
            "text/html; charset=utf-8")).AllowAnonymous();
        app.MapSummaryExport();
        app.MapExerciseReport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static Task ErrorPageAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>出现问题 · 烽火</title><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto"><h1>页面暂时无法打开</h1><p>平台处理您的请求时出现问题，请稍后刷新重试。如多次出现，请联系平台管理员。</p><p><a href="/">返回工作台</a></p></body></html>""");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
