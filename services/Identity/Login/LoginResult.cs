using Fenghuo.Identity.Domain;

namespace Fenghuo.Identity.Login;

/// <summary>How a login ended; <see cref="User"/> is set whenever the credentials were right.</summary>
public sealed record LoginResult(LoginOutcome Outcome, RealmUser? User)
{
    public static LoginResult InvalidCredentials { get; } = new(LoginOutcome.InvalidCredentials, null);
}
