using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Oidc;

/// <summary>
/// Keycloak's URL layout for the realm. <see cref="Relative"/> paths are what this process
/// listens on; <see cref="Absolute"/> ones are under the issuer, i.e. under Keycloak:auth-server-url
/// (the gateway in the running platform), and are what discovery, forms and redirects advertise.
/// </summary>
public sealed class RealmUrls(KeycloakOptions keycloak)
{
    public string Realm => keycloak.Realm;

    public string Issuer => keycloak.Issuer;

    /// <summary>auth-server-url with one trailing slash: the base every advertised URL hangs from.</summary>
    public Uri FrontendBase { get; } = new(keycloak.AuthServerUrl.TrimEnd('/') + "/");

    public string RealmPath => $"realms/{keycloak.Realm}";

    public string Configuration => $"{RealmPath}/.well-known/openid-configuration";

    public string Authorization => $"{RealmPath}/protocol/openid-connect/auth";

    public string Token => $"{RealmPath}/protocol/openid-connect/token";

    public string Introspection => $"{RealmPath}/protocol/openid-connect/token/introspect";

    public string Certs => $"{RealmPath}/protocol/openid-connect/certs";

    public string UserInfo => $"{RealmPath}/protocol/openid-connect/userinfo";

    public string Logout => $"{RealmPath}/protocol/openid-connect/logout";

    public string LoginActionsAuthenticate => $"{RealmPath}/login-actions/authenticate";

    public string LoginActionsRequiredAction => $"{RealmPath}/login-actions/required-action";

    public string AccountPassword => $"{RealmPath}/account/credentials/password";

    public string AdminRealm => "admin/realms/{realm}";

    /// <summary>Cookies of the login flow are sent only to the realm's own paths.</summary>
    public string CookiePath => new Uri(FrontendBase, RealmPath).AbsolutePath + "/";

    public bool FrontendIsHttps => FrontendBase.Scheme == Uri.UriSchemeHttps;

    public string Absolute(string relative) => new Uri(FrontendBase, relative).AbsoluteUri;

    public string AdminUser(Guid id) => Absolute($"admin/realms/{keycloak.Realm}/users/{id}");

    public string AdminApproval(Guid id) => Absolute($"admin/realms/{keycloak.Realm}/approvals/{id}");
}
