using Fenghuo.BuildingBlocks.Data;
using Fenghuo.Incidents.Data;
using Fenghuo.Incidents.Domain;
using Npgsql;

namespace Fenghuo.Incidents.Tests;

/// <summary>
/// Sets up a state no act has made yet (an incident escalated to a command, say) by writing the
/// incident row as an act's deferred save would, in the test's own session.
/// </summary>
internal static class DirectWrites
{
    public static async Task SaveIncidentAsync(this DbSession session, Incident incident, DateTimeOffset at)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction) { BatchCommands = { IncidentStore.SaveCommand(incident, at) } };
        await batch.ExecuteNonQueryAsync();
    }
}
