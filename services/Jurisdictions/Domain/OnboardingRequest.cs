using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.Jurisdictions.Domain;

/// <summary>What an administrator sends to add a jurisdiction under a parent command, with its plan and first users.</summary>
public sealed record OnboardingRequest(
    string? Code,
    string? Name,
    JurisdictionKind? Kind,
    string? ParentCode,
    string? DivisionCode,
    string? DutyPhone,
    OnboardingPlan? Plan,
    IReadOnlyList<OnboardingUser>? Users);

/// <summary>Where the new jurisdiction's first plan comes from: a template, or a copy of another jurisdiction's plan in force.</summary>
public sealed record OnboardingPlan(string? Template, string? CopyFrom);

/// <summary>A first user of the new jurisdiction. Without credentials, a one-time password is generated and must be changed at first login.</summary>
public sealed record OnboardingUser(string? Username, string? DisplayName, string? Email, IReadOnlyList<string>? Roles, OnboardingCredentials? Credentials);

public sealed record OnboardingCredentials(string? Password, bool Temporary);
