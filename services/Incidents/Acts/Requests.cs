namespace Fenghuo.Incidents.Acts;

// Bodies of the act endpoints. Codes arrive as strings so a wrong one gets a field error naming it.

/// <summary>研判: outcome confirmed | false_alarm | not_security; the grade; whether the command's own capacity is exceeded.</summary>
public sealed record AssessmentRequest(string? Outcome, string? Grade, bool? CapacityExceeded);

/// <summary>A response level code of the pinned plan (I, II, III, single).</summary>
public sealed record LevelRequest(string? Level);

/// <summary>续报; kind progress (default) or written_report.</summary>
public sealed record FollowUpRequest(string? Content, string? Kind);

/// <summary>kind report | support | handover; byPhone when the report went by telephone first.</summary>
public sealed record EscalationRequest(string? Kind, string? Reason, bool? ByPhone);

public sealed record TakeoverRequest(string? Reason);

public sealed record InquiryRequest(string? Question);

public sealed record AnswerRequest(string? Answer);

public sealed record ReviewRequest(string? Summary);
