using Fenghuo.BuildingBlocks.Data;
using Npgsql;

namespace Fenghuo.Summaries.Projection;

/// <summary>
/// The statements of one projection step, sent to PostgreSQL as one batch: one round trip in the
/// step's transaction, run in the order added, the first failure aborting the rest. Each statement
/// keeps its own named parameters, given as an object's properties as for Dapper, or as a dictionary.
/// </summary>
public sealed class ProjectionBatch(DbSession session)
{
    private readonly List<NpgsqlBatchCommand> commands = [];

    public DbSession Session => session;

    public void Add(string sql, object parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        var named = parameters as IEnumerable<KeyValuePair<string, object?>>
            ?? parameters.GetType().GetProperties().Select(p => KeyValuePair.Create(p.Name, p.GetValue(parameters)));
        foreach (var (name, value) in named)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value switch
            {
                // Untyped: PostgreSQL takes the type from where the parameter stands.
                null => DBNull.Value,
                // timestamptz takes UTC only, as DapperTypeHandlers writes it for the statements Dapper sends.
                DateTimeOffset at => at.ToUniversalTime(),
                _ => value,
            }));
        }
        commands.Add(command);
    }

    public async Task ExecuteAsync()
    {
        if (commands.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        commands.Clear();
        await batch.ExecuteNonQueryAsync();
    }
}
