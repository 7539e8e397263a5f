namespace Fenghuo.Contracts.Incidents;

/// <summary>总结评估 submitted after the response ended.</summary>
public sealed record ReviewSubmitted(
    bool InTime,
    string SubmittedBy) : IncidentEvent;
