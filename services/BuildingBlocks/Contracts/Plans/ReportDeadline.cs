namespace Fenghuo.Contracts.Plans;

/// <summary>
/// How soon an event of one grade must be reported upward. An <see cref="Immediate"/> deadline
/// is the plan's 立即, measured as the plan's configured immediate minutes.
/// </summary>
public sealed record ReportDeadline(Grade Grade, int Minutes, bool Immediate, ClockStart From, string To, string Source);
