namespace Fenghuo.Identity.Domain;

/// <summary>Whether a user whose credentials are right may have tokens now.</summary>
public enum AccountStanding
{
    Active,

    /// <summary>The user is disabled, or their jurisdiction is suspended.</summary>
    Disabled,

    /// <summary>A required action (a temporary password to replace) is pending.</summary>
    NotFullySetUp,
}
