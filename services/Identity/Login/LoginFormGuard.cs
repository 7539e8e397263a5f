using System.Security.Cryptography;
using System.Text;
using Fenghuo.Identity.Oidc;

namespace Fenghuo.Identity.Login;

/// <summary>
/// Cross-site request forgery guard for the login forms (double-submit): the page carries a random
/// value that must match a cookie only this site can set. Stateless, so any replica can check it.
/// </summary>
public sealed class LoginFormGuard(RealmUrls urls)
{
    private const string Cookie = "FENGHUO_LOGIN_GUARD";

    public string Issue(HttpContext http)
    {
        if (http.Request.Cookies[Cookie] is { Length: 32 } existing)
        {
            return existing;
        }
        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(Cookie, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = urls.FrontendIsHttps,
            SameSite = SameSiteMode.Strict,
            Path = urls.CookiePath,
            IsEssential = true,
        });
        return value;
    }

    public bool Check(HttpContext http, string? posted) =>
        http.Request.Cookies[Cookie] is { Length: 32 } expected && posted is { Length: 32 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(posted));
}
