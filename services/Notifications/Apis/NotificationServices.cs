using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Notifications.Data;
using Fenghuo.Notifications.Stream;

namespace Fenghuo.Notifications.Apis;

public sealed class NotificationServices(TenantContext caller, TenantDatabase database, NotificationStore store, InboxStream stream, NotificationsOptions options, TimeProvider time)
{
    public TenantContext Caller => caller;

    public TenantDatabase Database => database;

    public NotificationStore Store => store;

    public InboxStream Stream => stream;

    public NotificationsOptions Options => options;

    public TimeProvider Time => time;

    /// <summary>Runs as the caller: their tenant for row-level security, their username for their own items.</summary>
    public Task<T> AsCallerAsync<T>(Func<DbSession, string, Task<T>> work, CancellationToken ct) =>
        database.InTransactionAsync(caller.Scope, session => work(session, caller.Username ?? ""), ct);
}
