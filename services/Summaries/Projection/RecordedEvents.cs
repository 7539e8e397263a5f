using Fenghuo.Contracts;
using Fenghuo.Contracts.Exercises;
using Fenghuo.Contracts.Incidents;
using Fenghuo.Contracts.Plans;
using Fenghuo.Contracts.Tenancy;
using Fenghuo.Contracts.Warnings;

namespace Fenghuo.Summaries.Projection;

/// <summary>Every event Summaries keeps in its log, by the name the log stores it under, so a rebuild can read each back as what it was.</summary>
public static class RecordedEvents
{
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new[]
    {
        typeof(JurisdictionOnboarded), typeof(JurisdictionChanged), typeof(JurisdictionsSnapshotPublished),
        typeof(PlanPublished),
        typeof(IncidentReported), typeof(IncidentAssessed), typeof(ResponseStarted), typeof(ResponseLevelChanged),
        typeof(ResponseControlled), typeof(ResponseEnded), typeof(ReviewSubmitted), typeof(IncidentClosed),
        typeof(IncidentEscalated), typeof(EscalationAcknowledged), typeof(CommandTakenOver), typeof(FollowUpAdded),
        typeof(InquirySent), typeof(InquiryAnswered), typeof(DeadlineApproaching), typeof(DeadlineMissed),
        typeof(WarningIssued), typeof(WarningAdjusted), typeof(WarningLifted), typeof(WarningExpired), typeof(WarningAcknowledged),
        typeof(ExerciseCompleted),
    }.ToDictionary(t => t.Name);

    public static string NameOf(IIntegrationEvent message) => message.GetType().Name;
}
