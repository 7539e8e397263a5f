using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>What an administrator sends to add a jurisdiction under a parent command.</summary>
public sealed record OnboardingRequest(
    string? Code,
    string? Name,
    JurisdictionKind? Kind,
    string? ParentCode,
    string? DivisionCode,
    string? DutyPhone);
