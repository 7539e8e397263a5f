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
        builder.AddServiceDatabase("summaries");
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
        },
        // A read model: its events of one county queue on that county's tally rows whatever the
        // concurrency, and each extra one in flight only takes CPU from the requests beside it.
        messagesAtOnce: 4);
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
}
