using Fenghuo.Contracts;

namespace Fenghuo.Summaries.Domain;

/// <summary>How a clock stands: kept in time, missed (late or still unmet past due), or still running.</summary>
public enum ClockStanding
{
    [Chinese("按时")]
    Met,
    [Chinese("超时")]
    Missed,
    [Chinese("未到期")]
    Open,
}
