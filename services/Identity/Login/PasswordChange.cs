using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Identity.Data;
using Fenghuo.Identity.Domain;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Identity;

namespace Fenghuo.Identity.Login;

/// <summary>
/// Setting a password, by the user or an administrator: the realm's password policy, the hash,
/// and the UPDATE_PASSWORD required action (set for a temporary password, cleared otherwise).
/// Tokens and sessions from before the change stop working.
/// </summary>
public sealed class PasswordChange(UserStore users, PasswordHasher<RealmUser> hasher, RealmDefinition realm, TimeProvider time)
{
    public IReadOnlyList<FieldError> Check(RealmUser user, string field, string? password, string? confirmationField = null, string? confirmation = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new FieldError(field, "missingPasswordMessage", "请输入密码", "Please specify password.")];
        }
        var errors = realm.PasswordPolicy.Check(password, user.Username, user.Email)
            .Select(v => new FieldError(field, v.Code, v.MessageZh, v.MessageEn))
            .ToList();
        if (confirmationField is not null && password != confirmation)
        {
            errors.Add(new FieldError(confirmationField, "notMatchPasswordMessage", "两次输入的密码不一致", "Passwords don't match."));
        }
        return errors;
    }

    public string Hash(RealmUser user, string password) => hasher.HashPassword(user, password);

    public Task ApplyAsync(DbSession session, RealmUser user, string password, bool temporary) =>
        ApplyHashAsync(session, user, Hash(user, password), temporary);

    /// <summary>Sets an already hashed password (one a second administrator approved).</summary>
    public Task ApplyHashAsync(DbSession session, RealmUser user, string hash, bool temporary)
    {
        var actions = user.RequiredActions.Where(a => a != RequiredActions.UpdatePassword).ToList();
        if (temporary)
        {
            actions.Add(RequiredActions.UpdatePassword);
        }
        // Whole seconds, as a token's iat is: a token issued in the same second as the change stays valid.
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        return users.SetPasswordAsync(session, user.Id, hash, actions, notBefore);
    }
}
