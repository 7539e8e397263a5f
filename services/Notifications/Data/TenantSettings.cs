using System.Text.Json;
using Dapper;
using Fenghuo.BuildingBlocks.Data;

namespace Fenghuo.Notifications.Data;

/// <summary>A tenant's own tuning; null window and no roles for an event mean the defaults.</summary>
public sealed record TenantSettings(TimeSpan? AcknowledgementWindow, IReadOnlyDictionary<string, string[]> EventRoles, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static TenantSettings Defaults { get; } = new(null, new Dictionary<string, string[]>(), null, null);

    public TimeSpan WindowOr(TimeSpan fallback) => AcknowledgementWindow ?? fallback;
}

/// <summary>Reads and writes notification_setting under the session's tenant (RLS).</summary>
public sealed class TenantSettingsStore
{
    private const string Select = """
        select acknowledgement_window_seconds as WindowSeconds, event_roles::text as EventRoles, updated_at as UpdatedAt, updated_by as UpdatedBy
        from notification_setting where tenant_code = @Tenant
        """;

    private const string Upsert = """
        insert into notification_setting (tenant_code, tenant_path, acknowledgement_window_seconds, event_roles, updated_at, updated_by)
        values (@Tenant, @Path::ltree, @WindowSeconds, @EventRoles::jsonb, @At, @By)
        on conflict (tenant_code) do update
            set acknowledgement_window_seconds = excluded.acknowledgement_window_seconds, event_roles = excluded.event_roles,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
        """;

    public async Task<TenantSettings> GetAsync(DbSession session, string tenantCode)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<Row>(Select, new { Tenant = tenantCode }, session.Transaction);
        return row is null
            ? TenantSettings.Defaults
            : new TenantSettings(
                row.WindowSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
                JsonSerializer.Deserialize<Dictionary<string, string[]>>(row.EventRoles) ?? [],
                row.UpdatedAt, row.UpdatedBy);
    }

    public Task SaveAsync(DbSession session, string tenantCode, string tenantPath, TenantSettings settings, string by, DateTimeOffset at) =>
        session.Connection.ExecuteAsync(Upsert, new
        {
            Tenant = tenantCode, Path = tenantPath,
            WindowSeconds = settings.AcknowledgementWindow is { } w ? (int?)Math.Round(w.TotalSeconds) : null,
            EventRoles = JsonSerializer.Serialize(settings.EventRoles), At = at, By = by,
        }, session.Transaction);

    private sealed class Row
    {
        public int? WindowSeconds { get; set; }
        public string EventRoles { get; set; } = "{}";
        public DateTimeOffset? UpdatedAt { get; set; }
        public string? UpdatedBy { get; set; }
    }
}
