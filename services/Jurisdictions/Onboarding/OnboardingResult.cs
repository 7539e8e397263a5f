using Fenghuo.Jurisdictions.Domain;

namespace Fenghuo.Jurisdictions.Onboarding;

/// <summary>What onboarding made. One-time passwords appear here once and are never stored or shown again.</summary>
public sealed record OnboardingResult(Jurisdiction Jurisdiction, int PlanVersion, string PlanBasedOn, IReadOnlyList<OnboardedUser> Users);

public sealed record OnboardedUser(string Id, string Username, IReadOnlyList<string> Roles, bool MustChangePassword, string? OneTimePassword);
