using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts;
using Fenghuo.Summaries.Projection;

namespace Fenghuo.Summaries.Messaging;

/// <summary>Keeps one kind of event in the log and the read model, once per event (the inbox row commits with both).</summary>
public abstract class RecordingConsumer<TEvent>(TenantDatabase database, ReadModel readModel, ILogger logger)
    : IdempotentConsumer<TEvent>(database, logger)
    where TEvent : class, IIntegrationEvent
{
    protected override Task ApplyAsync(TEvent message, DbSession session, CancellationToken cancellationToken) =>
        readModel.RecordAsync(session, message);
}
