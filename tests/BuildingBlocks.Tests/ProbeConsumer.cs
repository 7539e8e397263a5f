using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>
/// Records every application of an event as a row, so applying one twice would show as two rows,
/// with the trace it was applied in.
/// </summary>
public sealed class ProbeConsumer(TenantDatabase database, ILogger<ProbeConsumer> logger)
    : IdempotentConsumer<JurisdictionOnboarded>(database, logger)
{
    public const string CreateTable = """
        create table probe_effect (event_id uuid not null, trace_id text, applied_at timestamptz not null default now());
        """;

    private static readonly TimeSpan GatherAtMost = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<Guid, CountdownEvent> Gates = new();

    /// <summary>
    /// Holds each delivery of the event just before its transaction begins until <paramref name="deliveries"/>
    /// of them are in flight at once, so their transactions really race.
    /// </summary>
    public static void Gather(Guid eventId, int deliveries) => Gates[eventId] = new CountdownEvent(deliveries);

    /// <summary>Whether every delivery the gate waited for arrived while the others were still held.</summary>
    public static bool Gathered(Guid eventId) => Gates.TryGetValue(eventId, out var gate) && gate.IsSet;

    protected override Task ApplyAsync(JurisdictionOnboarded message, DbSession session, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(
            "insert into probe_effect (event_id, trace_id) values (@EventId, @TraceId)",
            new { message.EventId, TraceId = Activity.Current?.TraceId.ToHexString() }, session.Transaction);

    // Called once per delivery, before the inbox transaction opens: the one place to line deliveries up.
    protected override TenantScope ScopeFor(JurisdictionOnboarded message)
    {
        if (Gates.TryGetValue(message.EventId, out var gate))
        {
            lock (gate)
            {
                if (!gate.IsSet)
                {
                    gate.Signal();
                }
            }
            gate.Wait(GatherAtMost);
        }
        return base.ScopeFor(message);
    }
}
