using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>An open connection with its transaction, as handed to queries; Dapper calls pass both.</summary>
public sealed record DbSession(NpgsqlConnection Connection, NpgsqlTransaction Transaction, TenantScope Scope);
