namespace Fenghuo.Identity.Login;

public enum LoginOutcome
{
    Success,

    /// <summary>Unknown user, wrong password or a temporary lockout: deliberately indistinguishable.</summary>
    InvalidCredentials,

    Disabled,

    NotFullySetUp,
}
