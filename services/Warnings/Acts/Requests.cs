namespace Fenghuo.Warnings.Acts;

// Bodies of the act endpoints. Codes arrive as strings so a wrong one gets a field error naming the plan's.

/// <summary>A level code of the issuing plan's warning scheme and why it changes.</summary>
public sealed record AdjustRequest(string? Level, string? Reason);

public sealed record LiftRequest(string? Reason);
