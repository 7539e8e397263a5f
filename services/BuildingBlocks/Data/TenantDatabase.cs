using System.Data;
using Dapper;
using Npgsql;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// The one way services touch their database: open, begin, set the tenant for row-level
/// security (transaction-local, so a pooled connection never carries it to the next user),
/// run, commit.
/// </summary>
public sealed class TenantDatabase(NpgsqlDataSource dataSource)
{
    private const string SetTenant = """
        select set_config('fenghuo.tenant_code', @Code, true),
               set_config('fenghuo.tenant_path', @Path, true),
               set_config('fenghuo.platform_admin', @PlatformAdmin, true)
        """;

    private const string SetTenantInBatch = """
        select set_config('fenghuo.tenant_code', $1, true),
               set_config('fenghuo.tenant_path', $2, true),
               set_config('fenghuo.platform_admin', $3, true)
        """;

    /// <summary>
    /// The tenant's settings as the first statement of a command that carries the statement they guard,
    /// for a transaction begun by <see cref="InScopedTransactionAsync{T}"/>, or after <see cref="BeginStatement"/> in a
    /// command that begins one (<see cref="DbSession.Opening"/>); its parameters are
    /// <see cref="ScopeParameters"/>. A command that leaves it out sees nothing: the policies fail closed.
    /// </summary>
    public const string ScopeStatement = """
        select set_config('fenghuo.tenant_code', @ScopeCode, true),
               set_config('fenghuo.tenant_path', @ScopePath, true),
               set_config('fenghuo.platform_admin', @ScopePlatformAdmin, true);
        """;

    /// <summary>
    /// Begins the transaction of <see cref="InBatchedTransactionAsync{T}"/> in the round trip of its first command,
    /// before <see cref="ScopeStatement"/> (<see cref="DbSession.Opening"/>).
    /// </summary>
    public const string BeginStatement = "begin isolation level read committed;\n";

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>The parameters of <see cref="ScopeStatement"/> for a Dapper DynamicParameters bag.</summary>
    public static DynamicParameters ScopeParameters(TenantScope scope, object? more = null)
    {
        var parameters = new DynamicParameters(more);
        parameters.Add("ScopeCode", scope.Code);
        parameters.Add("ScopePath", scope.Path);
        parameters.Add("ScopePlatformAdmin", scope.PlatformAdmin ? "on" : "");
        return parameters;
    }

    /// <summary>
    /// Like <see cref="InTransactionAsync{T}"/>, but the tenant is set by <paramref name="work"/>'s first
    /// command, which begins with <see cref="ScopeStatement"/>: one round trip fewer for a transaction
    /// that is a few statements long. The settings are transaction-local all the same.
    /// </summary>
    public async Task<T> InScopedTransactionAsync<T>(TenantScope scope, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await work(new DbSession(connection, transaction, scope));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A transaction that costs no round trip of its own: BEGIN travels with <paramref name="work"/>'s first command,
    /// which opens with <see cref="DbSession.Opening"/> (BEGIN, then the tenant's settings, transaction-local as
    /// ever), and COMMIT with its last, as the final command of its last batch (<see cref="CommitCommand"/>). A
    /// statement that fails skips the rest of its batch, COMMIT included, and aborts the transaction; whatever
    /// ends <paramref name="work"/> without a commit (a failure, an exception of its own, a cancellation, or an
    /// outcome with nothing to write) leaves the transaction open, and Npgsql rolls it back as the connection
    /// goes back to the pool: it does so for any open or failed transaction block, with NoResetOnClose too
    /// (NpgsqlConnector.Reset), so the next user of the connection finds no transaction and no tenant.
    /// </summary>
    public async Task<T> InBatchedTransactionAsync<T>(TenantScope scope, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await work(new DbSession(connection, null, scope));
    }

    /// <summary>
    /// The commit of <see cref="InBatchedTransactionAsync{T}"/>'s transaction, as the last command of a batch that
    /// carries statements of the transaction before it. Never a batch's only command: PostgreSQL answers COMMIT in
    /// a failed transaction with a rollback and no error, whereas a statement before it fails loudly there.
    /// </summary>
    public static NpgsqlBatchCommand CommitCommand() => new("commit");

    /// <summary>
    /// The tenant's settings as the first command of a batch sent without BEGIN. PostgreSQL runs such a
    /// batch as one implicit transaction, so the transaction-local settings cover exactly the batch's
    /// statements, and the whole transaction is one round trip that holds nothing open between awaits.
    /// </summary>
    public static NpgsqlBatchCommand ScopeCommand(TenantScope scope) => new(SetTenantInBatch)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = scope.Code },
            new NpgsqlParameter<string> { TypedValue = scope.Path },
            new NpgsqlParameter<string> { TypedValue = scope.PlatformAdmin ? "on" : "" },
        },
    };

    public async Task<T> InTransactionAsync<T>(
        TenantScope scope,
        Func<DbSession, Task<T>> work,
        CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
        var session = new DbSession(connection, transaction, scope);
        await UseScopeAsync(session, scope);
        var result = await work(session);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Acts for another tenant for the rest of the transaction (a consumer applying a message that concerns several).</summary>
    public static Task UseScopeAsync(DbSession session, TenantScope scope) =>
        session.Connection.ExecuteAsync(SetTenant, new { scope.Code, scope.Path, PlatformAdmin = scope.PlatformAdmin ? "on" : "" }, session.Transaction);

    /// <summary>
    /// Runs <paramref name="work"/> with a named widening on, and turns it off again for the rest of
    /// the transaction. A failed statement aborts the transaction, so the setting dies with it.
    /// </summary>
    public static async Task<T> WidenedAsync<T>(DbSession session, RlsWidening widening, Func<Task<T>> work)
    {
        await SetAsync(session, widening, "on");
        var result = await work();
        await SetAsync(session, widening, string.Empty);
        return result;
    }

    private static Task SetAsync(DbSession session, RlsWidening widening, string value) =>
        session.Connection.ExecuteAsync("select set_config(@Setting, @Value, true)", new { widening.Setting, Value = value }, session.Transaction);

    public Task InTransactionAsync(TenantScope scope, Func<DbSession, Task> work, CancellationToken cancellationToken) =>
        InTransactionAsync(scope, async session =>
        {
            await work(session);
            return true;
        }, cancellationToken);
}
