using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Summaries.Data;
using Fenghuo.Summaries.Exports;
using Fenghuo.Summaries.Messaging;
using Fenghuo.Summaries.Projection;
using Npgsql;

namespace Fenghuo.Summaries.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>The Summaries service's composition: its database, a recorder per event it reads, the read model, its rebuild, the overview and the exports.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("summaries", tune: TuneConnection);
        builder.AddTenancy();
        builder.AddServiceMessaging("summaries", bus =>
        {
            bus.AddTenantDirectoryReplica();
            bus.AddIdempotentConsumer<JurisdictionOnboardedRecorder>();
            bus.AddIdempotentConsumer<JurisdictionChangedRecorder>();
            bus.AddIdempotentConsumer<JurisdictionsSnapshotPublishedRecorder>();
            bus.AddIdempotentConsumer<PlanPublishedRecorder>();
            bus.AddIdempotentConsumer<IncidentReportedRecorder>();
            bus.AddIdempotentConsumer<IncidentAssessedRecorder>();
            bus.AddIdempotentConsumer<ResponseStartedRecorder>();
            bus.AddIdempotentConsumer<ResponseLevelChangedRecorder>();
            bus.AddIdempotentConsumer<ResponseControlledRecorder>();
            bus.AddIdempotentConsumer<ResponseEndedRecorder>();
            bus.AddIdempotentConsumer<ReviewSubmittedRecorder>();
            bus.AddIdempotentConsumer<IncidentClosedRecorder>();
            bus.AddIdempotentConsumer<IncidentEscalatedRecorder>();
            bus.AddIdempotentConsumer<EscalationAcknowledgedRecorder>();
            bus.AddIdempotentConsumer<CommandTakenOverRecorder>();
            bus.AddIdempotentConsumer<FollowUpAddedRecorder>();
            bus.AddIdempotentConsumer<InquirySentRecorder>();
            bus.AddIdempotentConsumer<InquiryAnsweredRecorder>();
            bus.AddIdempotentConsumer<DeadlineApproachingRecorder>();
            bus.AddIdempotentConsumer<DeadlineMissedRecorder>();
            bus.AddIdempotentConsumer<WarningIssuedRecorder>();
            bus.AddIdempotentConsumer<WarningAdjustedRecorder>();
            bus.AddIdempotentConsumer<WarningLiftedRecorder>();
            bus.AddIdempotentConsumer<WarningExpiredRecorder>();
            bus.AddIdempotentConsumer<WarningAcknowledgedRecorder>();
            bus.AddIdempotentConsumer<ExerciseCompletedRecorder>();
        });
        var options = builder.Configuration.GetSection(SummariesOptions.Section).Get<SummariesOptions>() ?? new SummariesOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EventLog>();
        builder.Services.AddSingleton<ReadModelProjector>();
        builder.Services.AddSingleton<ReadModel>();
        builder.Services.AddSingleton<ReadModelRebuild>();
        builder.Services.AddSingleton<OverviewStore>();
        builder.Services.AddSingleton<LedgerStore>();
        builder.Services.AddSingleton<OverviewExport>();
        builder.Services.AddSingleton<LedgerExport>();
        return builder;
    }

    /// <summary>
    /// Prepared statements: recording an event runs the same few statements (and the tally triggers'
    /// own) over and over. Prepared, they are parsed and planned once per connection, and the pool's
    /// reset keeps them (and the triggers' cached plans) instead of discarding every plan between two
    /// events: re-planning was most of what an event cost PostgreSQL.
    /// </summary>
    public static void TuneConnection(NpgsqlConnectionStringBuilder connection) => connection.MaxAutoPrepare = 64;
}
