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
    /// for a transaction begun by <see cref="InScopedTransactionAsync{T}"/>; its parameters are
    /// <see cref="ScopeParameters"/>. A command that leaves it out sees nothing: the policies fail closed.
    /// </summary>
    public const string ScopeStatement = """
        select set_config('fenghuo.tenant_code', @ScopeCode, true),
               set_config('fenghuo.tenant_path', @ScopePath, true),
               set_config('fenghuo.platform_admin', @ScopePlatformAdmin, true);
        """;

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
