using System.Collections.Concurrent;
using System.Text.Json;
using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.Contracts;
using Fenghuo.Contracts.Plans;
using Npgsql;

namespace Fenghuo.Incidents.Data;

/// <summary>
/// The rules of the plan versions this service has read, by tenant and version. A published version
/// never changes, so once read it is kept. Every use still reads the version's row under the caller's
/// row-level security (which version is in force, whether the caller may see a pinned one); the cache
/// only spares shipping the rules document as text and parsing it on every report and act.
/// </summary>
public sealed class PlanRulesCache
{
    // In force on a day: the latest effective date on or before it; a later version wins a tie. The rules
    // come back only when they are not the version this tenant last had in force ($2).
    private const string InForce = """
        select version, case when version = $2 then null else rules::text end from plan_rules
        where tenant_code = $1 and effective_from <= $3
        order by effective_from desc, version desc limit 1
        """;

    private const string Pinned = """
        select case when $3 then null else rules::text end from plan_rules where tenant_code = $1 and version = $2
        """;

    private readonly ConcurrentDictionary<(string Tenant, int Version), PlanRules> versions = new();
    private readonly ConcurrentDictionary<string, int> lastInForce = new();

    /// <summary>The query of the version in force on a day, for a batch; read its row with <see cref="InForceAsync"/>.</summary>
    public NpgsqlBatchCommand InForceCommand(string tenant, DateOnly on) => new(InForce)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = tenant },
            new NpgsqlParameter<int> { TypedValue = lastInForce.GetValueOrDefault(tenant, -1) },
            new NpgsqlParameter<DateOnly> { TypedValue = on },
        },
    };

    /// <summary>The version in force from <see cref="InForceCommand"/>'s result; null when the tenant has none.</summary>
    public async Task<PlanRulesVersion?> InForceAsync(string tenant, NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var version = reader.GetInt32(0);
        var rules = Keep(tenant, version, await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1));
        lastInForce[tenant] = version;
        return new PlanRulesVersion(version, rules);
    }

    /// <summary>The version last read in force for the tenant, if kept: a report may be checked against it, and its batch check that it still is.</summary>
    public PlanRulesVersion? LastInForce(string tenant) =>
        lastInForce.TryGetValue(tenant, out var version) ? Kept(tenant, version) : null;

    /// <summary>A version already read, once a statement under the caller's row-level security has shown the caller sees it.</summary>
    public PlanRulesVersion? Kept(string tenant, int version) =>
        versions.TryGetValue((tenant, version), out var rules) ? new PlanRulesVersion(version, rules) : null;

    /// <summary>
    /// The version an incident is pinned to, if the caller sees it: a command the jurisdiction has since
    /// moved away from sees the incident it was sent, but no longer its plan.
    /// </summary>
    public async Task<PlanRulesVersion?> PinnedAsync(DbSession session, string tenant, int version)
    {
        var known = versions.ContainsKey((tenant, version));
        await using var command = new NpgsqlCommand(Pinned, session.Connection, session.Transaction)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = tenant },
                new NpgsqlParameter<int> { TypedValue = version },
                new NpgsqlParameter<bool> { TypedValue = known },
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }
        return new PlanRulesVersion(version, Keep(tenant, version, await reader.IsDBNullAsync(0) ? null : reader.GetString(0)));
    }

    // The rules come back as text only when this version is not kept yet.
    private PlanRules Keep(string tenant, int version, string? rules) =>
        rules is null
            ? versions[(tenant, version)]
            : versions.GetOrAdd((tenant, version), _ => JsonSerializer.Deserialize<PlanRules>(rules, FenghuoJson.Options)!);
}
