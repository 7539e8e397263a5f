namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// An event names something this service has not been told of yet (on a fresh install, a tenant
/// its copy of the directory does not hold), so it cannot be applied now but can be once that
/// arrives. Thrown from a consumer, it rolls the message's transaction back, and
/// <see cref="RetryingConsumerDefinition{TConsumer}"/> tries the message again, spaced out over
/// minutes, before leaving it in the error queue.
/// </summary>
public sealed class NotKnownYetException(string message) : Exception(message);
