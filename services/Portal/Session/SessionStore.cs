using System.Collections.Concurrent;

namespace Fenghuo.Portal.Session;

/// <summary>
/// Tokens by session id. The browser's cookie carries only the id (inside the signed, encrypted
/// principal), so a stolen cookie jar never holds a bearer token. Kept in memory: a restarted
/// portal forgets every session and its users sign in again, which the cookie check notices.
/// </summary>
public sealed class SessionStore(TimeProvider time)
{
    /// <summary>As long as the cookie lives: a session whose token expired this long ago is one nobody can come back to.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);

    private readonly ConcurrentDictionary<string, SessionTokens> sessions = new(StringComparer.Ordinal);

    public string Open(SessionTokens tokens)
    {
        var stale = time.GetUtcNow() - Lifetime;
        foreach (var (old, _) in sessions.Where(s => s.Value.ExpiresAt < stale))
        {
            sessions.TryRemove(old, out _);
        }
        var id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        sessions[id] = tokens;
        return id;
    }

    public SessionTokens? Find(string? id) => id is not null && sessions.TryGetValue(id, out var tokens) ? tokens : null;

    /// <summary>
    /// Puts refreshed tokens in place of the ones they were refreshed from, only while the session is
    /// still open with those: a refresh that finishes after the user signed out finds nothing to
    /// replace and brings nothing back (false), since a closed id is never opened again.
    /// </summary>
    public bool Replace(string id, SessionTokens refreshedFrom, SessionTokens refreshed) => sessions.TryUpdate(id, refreshed, refreshedFrom);

    /// <summary>Ends the session for good: its id leaves the store, and <see cref="Replace"/> cannot put it back.</summary>
    public SessionTokens? Close(string? id) => id is not null && sessions.TryRemove(id, out var tokens) ? tokens : null;
}
