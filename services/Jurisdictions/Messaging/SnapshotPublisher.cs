using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Tenancy;

namespace Fenghuo.Jurisdictions.Messaging;

/// <summary>Publishes the whole tree through the outbox, so every service can rebuild its tenant directory.</summary>
public sealed class SnapshotPublisher(TenantDirectory directory, Outbox outbox, TimeProvider time)
{
    public async Task EnqueueAsync(DbSession session, CancellationToken ct)
    {
        var states = (await directory.ListAsync(ct)).Select(ToState).ToList();
        var root = states.FirstOrDefault(s => s.ParentCode is null);
        await outbox.EnqueueAsync(session, new JurisdictionsSnapshotPublished(states)
        {
            OccurredAt = time.GetUtcNow(), TenantCode = root?.Code ?? string.Empty, TenantPath = root?.Path ?? string.Empty,
        });
    }

    private static JurisdictionState ToState(TenantEntry e)
    {
        EnumLabel.TryParse<JurisdictionKind>(e.Kind, out var kind);
        return new JurisdictionState(e.Code, e.Name, kind, e.ParentCode, e.Path,
            e.IsActive ? JurisdictionStatus.Active : JurisdictionStatus.Suspended, e.DivisionCode, e.Revision);
    }
}
