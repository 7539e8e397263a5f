using System.Text.Json.Nodes;

namespace Fenghuo.Identity.Domain;

/// <summary>One claim and where it goes, as a Keycloak protocol mapper's three switches say.</summary>
public sealed record ShapedClaim(string Type, JsonNode Value, bool InAccessToken, bool InIdToken, bool InUserInfo);
