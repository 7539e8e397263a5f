using Dapper;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.Contracts.Tenancy;
using Microsoft.Extensions.Logging;

namespace Fenghuo.BuildingBlocks.Tests;

/// <summary>Records every application of an event as a row, so applying one twice would show as two rows.</summary>
public sealed class ProbeConsumer(TenantDatabase database, ILogger<ProbeConsumer> logger)
    : IdempotentConsumer<JurisdictionOnboarded>(database, logger)
{
    public const string CreateTable = """
        create table probe_effect (event_id uuid not null, applied_at timestamptz not null default now());
        """;

    protected override Task ApplyAsync(JurisdictionOnboarded message, DbSession session, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync("insert into probe_effect (event_id) values (@EventId)", new { message.EventId }, session.Transaction);
}
