using System.Text.Json.Nodes;
using Fenghuo.Identity.Realm;
using Fenghuo.ServiceDefaults.Auth;

namespace Fenghuo.Identity.Domain;

/// <summary>
/// Shapes claims as Keycloak's default client scopes and the client's protocol mappers would:
/// "basic" (sub), "roles" (realm_access.roles), "profile" (preferred_username and names),
/// "email", then each user-attribute mapper (tenant) and audience mapper (fenghuo-api).
/// </summary>
public static class TokenShaper
{
    public const string AuthorizedParty = "azp";
    public const string TokenType = "typ";
    public const string Name = "name";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string Email = "email";
    public const string EmailVerified = "email_verified";

    public static TokenShape Shape(RealmUser user, RealmClient client, IReadOnlyList<string> scopes)
    {
        var claims = new List<ShapedClaim>
        {
            new(ClaimNames.Subject, user.Id.ToString(), true, true, true),
            new(TokenType, "Bearer", true, false, false),
            new(AuthorizedParty, client.ClientId, true, false, false),
            new(ClaimNames.RealmAccess, new JsonObject { ["roles"] = new JsonArray(user.Roles.Select(r => (JsonNode)r).ToArray()) }, true, false, false),
        };
        if (scopes.Contains(TokenScopes.Profile))
        {
            claims.Add(new(ClaimNames.PreferredUsername, user.Username, true, true, true));
            AddIfPresent(claims, Name, user.FullName);
            AddIfPresent(claims, GivenName, user.FirstName);
            AddIfPresent(claims, FamilyName, user.LastName);
        }
        if (scopes.Contains(TokenScopes.Email) && !string.IsNullOrEmpty(user.Email))
        {
            claims.Add(new(Email, user.Email, true, true, true));
            claims.Add(new(EmailVerified, user.EmailVerified, true, true, true));
        }

        var audiences = new List<string>();
        foreach (var mapper in client.ProtocolMappers)
        {
            if (mapper.ProtocolMapper == ProtocolMapperRepresentation.UserAttributeMapper
                && user.Attribute(mapper.Setting("user.attribute")!) is { } value)
            {
                claims.Add(new(mapper.Setting("claim.name")!, value,
                    mapper.IsOn("access.token.claim"), mapper.IsOn("id.token.claim"), mapper.IsOn("userinfo.token.claim")));
            }
            if (mapper.ProtocolMapper == ProtocolMapperRepresentation.AudienceMapper && mapper.IsOn("access.token.claim")
                && mapper.Setting("included.custom.audience") is { } audience && !audiences.Contains(audience))
            {
                audiences.Add(audience);
            }
        }
        return new TokenShape(claims, scopes, audiences);
    }

    private static void AddIfPresent(List<ShapedClaim> claims, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            claims.Add(new(type, value, true, true, true));
        }
    }
}
