namespace Fenghuo.ServiceDefaults.Data;

/// <summary>
/// Where a service's database is. Read from the Aspire contract:
/// <code>
/// "ConnectionStrings": {
///   "incidentsdb": "Host=…;Username=incidents_app;…",            // the service's own role: owns nothing, no BYPASSRLS
///   "incidentsdb-migrations": "Host=…;Username=incidents_owner;…" // owner role for schema changes; falls back to the first
/// }
/// </code>
/// </summary>
public sealed record DatabaseOptions(string Service, string ConnectionString, string MigrationsConnectionString)
{
    public string Name => $"{Service}db";
}
