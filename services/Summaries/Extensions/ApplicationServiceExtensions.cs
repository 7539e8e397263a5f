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
            bus.AddRecorder<JurisdictionOnboardedRecorder>();
            bus.AddRecorder<JurisdictionChangedRecorder>();
            bus.AddRecorder<JurisdictionsSnapshotPublishedRecorder>();
            bus.AddRecorder<PlanPublishedRecorder>();
            bus.AddRecorder<IncidentReportedRecorder>();
            bus.AddRecorder<IncidentAssessedRecorder>();
            bus.AddRecorder<ResponseStartedRecorder>();
            bus.AddRecorder<ResponseLevelChangedRecorder>();
            bus.AddRecorder<ResponseControlledRecorder>();
            bus.AddRecorder<ResponseEndedRecorder>();
            bus.AddRecorder<ReviewSubmittedRecorder>();
            bus.AddRecorder<IncidentClosedRecorder>();
            bus.AddRecorder<IncidentEscalatedRecorder>();
            bus.AddRecorder<EscalationAcknowledgedRecorder>();
            bus.AddRecorder<CommandTakenOverRecorder>();
            bus.AddRecorder<FollowUpAddedRecorder>();
            bus.AddRecorder<InquirySentRecorder>();
            bus.AddRecorder<InquiryAnsweredRecorder>();
            bus.AddRecorder<DeadlineApproachingRecorder>();
            bus.AddRecorder<DeadlineMissedRecorder>();
            bus.AddRecorder<WarningIssuedRecorder>();
            bus.AddRecorder<WarningAdjustedRecorder>();
            bus.AddRecorder<WarningLiftedRecorder>();
            bus.AddRecorder<WarningExpiredRecorder>();
            bus.AddRecorder<WarningAcknowledgedRecorder>();
            bus.AddRecorder<ExerciseCompletedRecorder>();
        },
        // A read model: its recorders take their events in batches (RecordingConsumerDefinition), one
        // at a time; the tenant directory's replica needs no more, and more would only take CPU from
        // the requests beside it.
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
