namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>An unsent outbox row as the relay reads it.</summary>
internal sealed record OutboxMessage(Guid Id, string MessageType, string Payload, string? CorrelationId, string? TraceParent);
