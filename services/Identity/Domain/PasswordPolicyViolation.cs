namespace Fenghuo.Identity.Domain;

/// <summary>One rule a new password breaks; <see cref="Code"/> is Keycloak's message key.</summary>
public sealed record PasswordPolicyViolation(string Code, string MessageZh, string MessageEn);
