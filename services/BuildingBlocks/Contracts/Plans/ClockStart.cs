namespace Fenghuo.Contracts.Plans;

/// <summary>
/// When a reporting clock starts: the plans say 事发后 (from occurrence) for timed deadlines
/// and 获知后立即 (from awareness) for immediate ones.
/// </summary>
public enum ClockStart
{
    Occurrence,
    Awareness,
}
