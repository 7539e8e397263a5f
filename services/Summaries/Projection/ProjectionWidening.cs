using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Summaries.Projection;

/// <summary>
/// fenghuo.projection: the event log and every tenant's read rows, for the statements that record
/// and project events (consumers, the rebuild). Never on while a caller's query runs.
/// </summary>
public static class ProjectionWidening
{
    public static RlsWidening Projection { get; } = new("fenghuo.projection");
}
