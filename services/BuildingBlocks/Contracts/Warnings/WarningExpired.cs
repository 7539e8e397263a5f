namespace Fenghuo.Contracts.Warnings;

/// <summary>A warning reached its expiry without being lifted; nobody acted.</summary>
public sealed record WarningExpired(
    string Level,
    DateTimeOffset ExpiresAt) : WarningEvent;
