namespace Fenghuo.BuildingBlocks.Data;

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
    /// <summary>Holds the service's Data/Migrations scripts: the service itself, also when a test hosts it.</summary>
    public System.Reflection.Assembly MigrationsAssembly { get; init; } = System.Reflection.Assembly.GetEntryAssembly()!;

    public string Name => $"{Service}db";
}
