using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Warnings;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Summaries.Projection;

namespace Fenghuo.Summaries.Messaging;

// One consumer (and so one queue) per event Summaries records; each only names its event.

public sealed class JurisdictionOnboardedRecorder(TenantDatabase database, ReadModel readModel, ILogger<JurisdictionOnboardedRecorder> logger)
    : RecordingConsumer<JurisdictionOnboarded>(database, readModel, logger);

public sealed class JurisdictionChangedRecorder(TenantDatabase database, ReadModel readModel, ILogger<JurisdictionChangedRecorder> logger)
    : RecordingConsumer<JurisdictionChanged>(database, readModel, logger);

public sealed class JurisdictionsSnapshotPublishedRecorder(TenantDatabase database, ReadModel readModel, ILogger<JurisdictionsSnapshotPublishedRecorder> logger)
    : RecordingConsumer<JurisdictionsSnapshotPublished>(database, readModel, logger);

public sealed class PlanPublishedRecorder(TenantDatabase database, ReadModel readModel, ILogger<PlanPublishedRecorder> logger)
    : RecordingConsumer<PlanPublished>(database, readModel, logger);

public sealed class IncidentReportedRecorder(TenantDatabase database, ReadModel readModel, ILogger<IncidentReportedRecorder> logger)
    : RecordingConsumer<IncidentReported>(database, readModel, logger);

public sealed class IncidentAssessedRecorder(TenantDatabase database, ReadModel readModel, ILogger<IncidentAssessedRecorder> logger)
    : RecordingConsumer<IncidentAssessed>(database, readModel, logger);

public sealed class ResponseStartedRecorder(TenantDatabase database, ReadModel readModel, ILogger<ResponseStartedRecorder> logger)
    : RecordingConsumer<ResponseStarted>(database, readModel, logger);

public sealed class ResponseLevelChangedRecorder(TenantDatabase database, ReadModel readModel, ILogger<ResponseLevelChangedRecorder> logger)
    : RecordingConsumer<ResponseLevelChanged>(database, readModel, logger);

public sealed class ResponseControlledRecorder(TenantDatabase database, ReadModel readModel, ILogger<ResponseControlledRecorder> logger)
    : RecordingConsumer<ResponseControlled>(database, readModel, logger);

public sealed class ResponseEndedRecorder(TenantDatabase database, ReadModel readModel, ILogger<ResponseEndedRecorder> logger)
    : RecordingConsumer<ResponseEnded>(database, readModel, logger);

public sealed class ReviewSubmittedRecorder(TenantDatabase database, ReadModel readModel, ILogger<ReviewSubmittedRecorder> logger)
    : RecordingConsumer<ReviewSubmitted>(database, readModel, logger);

public sealed class IncidentClosedRecorder(TenantDatabase database, ReadModel readModel, ILogger<IncidentClosedRecorder> logger)
    : RecordingConsumer<IncidentClosed>(database, readModel, logger);

public sealed class IncidentEscalatedRecorder(TenantDatabase database, ReadModel readModel, ILogger<IncidentEscalatedRecorder> logger)
    : RecordingConsumer<IncidentEscalated>(database, readModel, logger);

public sealed class EscalationAcknowledgedRecorder(TenantDatabase database, ReadModel readModel, ILogger<EscalationAcknowledgedRecorder> logger)
    : RecordingConsumer<EscalationAcknowledged>(database, readModel, logger);

public sealed class CommandTakenOverRecorder(TenantDatabase database, ReadModel readModel, ILogger<CommandTakenOverRecorder> logger)
    : RecordingConsumer<CommandTakenOver>(database, readModel, logger);

public sealed class FollowUpAddedRecorder(TenantDatabase database, ReadModel readModel, ILogger<FollowUpAddedRecorder> logger)
    : RecordingConsumer<FollowUpAdded>(database, readModel, logger);

public sealed class InquirySentRecorder(TenantDatabase database, ReadModel readModel, ILogger<InquirySentRecorder> logger)
    : RecordingConsumer<InquirySent>(database, readModel, logger);

public sealed class InquiryAnsweredRecorder(TenantDatabase database, ReadModel readModel, ILogger<InquiryAnsweredRecorder> logger)
    : RecordingConsumer<InquiryAnswered>(database, readModel, logger);

public sealed class DeadlineApproachingRecorder(TenantDatabase database, ReadModel readModel, ILogger<DeadlineApproachingRecorder> logger)
    : RecordingConsumer<DeadlineApproaching>(database, readModel, logger);

public sealed class DeadlineMissedRecorder(TenantDatabase database, ReadModel readModel, ILogger<DeadlineMissedRecorder> logger)
    : RecordingConsumer<DeadlineMissed>(database, readModel, logger);

public sealed class WarningIssuedRecorder(TenantDatabase database, ReadModel readModel, ILogger<WarningIssuedRecorder> logger)
    : RecordingConsumer<WarningIssued>(database, readModel, logger);

public sealed class WarningAdjustedRecorder(TenantDatabase database, ReadModel readModel, ILogger<WarningAdjustedRecorder> logger)
    : RecordingConsumer<WarningAdjusted>(database, readModel, logger);

public sealed class WarningLiftedRecorder(TenantDatabase database, ReadModel readModel, ILogger<WarningLiftedRecorder> logger)
    : RecordingConsumer<WarningLifted>(database, readModel, logger);

public sealed class WarningExpiredRecorder(TenantDatabase database, ReadModel readModel, ILogger<WarningExpiredRecorder> logger)
    : RecordingConsumer<WarningExpired>(database, readModel, logger);

public sealed class WarningAcknowledgedRecorder(TenantDatabase database, ReadModel readModel, ILogger<WarningAcknowledgedRecorder> logger)
    : RecordingConsumer<WarningAcknowledged>(database, readModel, logger);

public sealed class ExerciseCompletedRecorder(TenantDatabase database, ReadModel readModel, ILogger<ExerciseCompletedRecorder> logger)
    : RecordingConsumer<ExerciseCompleted>(database, readModel, logger);
