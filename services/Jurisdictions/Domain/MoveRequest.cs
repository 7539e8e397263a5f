namespace Fenghuo.Jurisdictions.Domain;

/// <summary>Put a jurisdiction (and its subtree) under another parent command.</summary>
public sealed record MoveRequest(string? ParentCode, string? Reason);
