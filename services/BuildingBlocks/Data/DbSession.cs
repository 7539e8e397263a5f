using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// An open connection with its transaction, as handed to queries; Dapper calls pass both. Without an
/// <see cref="NpgsqlTransaction"/>, the session's first command begins the transaction itself and its last
/// batch commits it (<see cref="TenantDatabase.InBatchedTransactionAsync{T}"/>).
/// </summary>
public sealed record DbSession(NpgsqlConnection Connection, NpgsqlTransaction? Transaction, TenantScope Scope)
{
    /// <summary>
    /// What the first command of the session's work opens with: the tenant's settings
    /// (<see cref="TenantDatabase.ScopeStatement"/>), after BEGIN when that command begins the transaction.
    /// </summary>
    public string Opening => Transaction is null ? TenantDatabase.BeginStatement + TenantDatabase.ScopeStatement : TenantDatabase.ScopeStatement;
}
