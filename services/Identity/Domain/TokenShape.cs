namespace Fenghuo.Identity.Domain;

/// <summary>What a token for one user and client carries: claims, granted scopes, audiences.</summary>
public sealed record TokenShape(IReadOnlyList<ShapedClaim> Claims, IReadOnlyList<string> Scopes, IReadOnlyList<string> Audiences);
