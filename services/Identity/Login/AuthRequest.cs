using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;

namespace Fenghuo.Identity.Login;

/// <summary>
/// The original authorization request, carried through the login forms as a query string so that,
/// once the user has signed in, the browser goes back to /auth with exactly those parameters.
/// </summary>
public static class AuthRequest
{
    public static string Serialize(OpenIddictRequest request) =>
        QueryString.Create(request.GetParameters()
            .Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value))
            .Where(p => p.Value is not null)).ToUriComponent();

    /// <summary>Re-encodes what came back from the form, so only parameters, never a path or host, can follow.</summary>
    public static QueryString? Parse(string? carried)
    {
        if (string.IsNullOrEmpty(carried))
        {
            return null;
        }
        var parameters = QueryHelpers.ParseQuery(carried);
        return parameters.ContainsKey(OpenIddictConstants.Parameters.ClientId)
            ? QueryString.Create(parameters.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))))
            : null;
    }

    public static string? ClientId(QueryString query) =>
        QueryHelpers.ParseQuery(query.Value).TryGetValue(OpenIddictConstants.Parameters.ClientId, out var values) ? values.ToString() : null;
}
