using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Exports;
using Fenghuo.Summaries.Projection;

namespace Fenghuo.Summaries.Apis;

/// <summary>What the summary endpoints depend on, bound with [AsParameters].</summary>
public sealed record SummaryServices(
    TenantContext Caller,
    TenantDatabase Database,
    OverviewStore Overviews,
    LedgerStore Ledger,
    OverviewExport OverviewExport,
    ReadModelRebuild Rebuild,
    SummariesOptions Options,
    TimeProvider Time);
