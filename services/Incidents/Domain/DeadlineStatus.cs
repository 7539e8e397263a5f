namespace Fenghuo.Incidents.Domain;

/// <summary>A missed clock that is fulfilled later stays missed and records when it was met.</summary>
public enum DeadlineStatus
{
    Due,
    Met,
    Missed,
}
