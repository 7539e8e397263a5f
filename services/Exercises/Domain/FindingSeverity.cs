using Fenghuo.Contracts;

namespace Fenghuo.Exercises.Domain;

/// <summary>How much a finding weakens the response it was found in.</summary>
public enum FindingSeverity
{
    [Chinese("一般")]
    Minor,
    [Chinese("较重")]
    Moderate,
    [Chinese("严重")]
    Major,
}

public enum FindingState
{
    [Chinese("整改中")]
    Open,
    [Chinese("已整改")]
    Closed,
}
