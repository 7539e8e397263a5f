using System.Collections.Concurrent;
using Fenghuo.Contracts.Incidents;
using MassTransit;

namespace Fenghuo.Incidents.Tests;

/// <summary>Counts every delivery from the broker, without deduplication, so a second publication would show.</summary>
public sealed class DeadlineProbe : IConsumer<DeadlineMissed>, IConsumer<DeadlineApproaching>
{
    public static ConcurrentQueue<DeadlineMissed> Missed { get; } = new();

    public static ConcurrentQueue<DeadlineApproaching> Approaching { get; } = new();

    public Task Consume(ConsumeContext<DeadlineMissed> context)
    {
        Missed.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<DeadlineApproaching> context)
    {
        Approaching.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}
