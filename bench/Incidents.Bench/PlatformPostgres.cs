using Fenghuo.Platform.EndToEnd;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// The PostgreSQL server the started platform runs on, as the AppHost's postgres resource gives it: its
/// own server's superuser, or the server ConnectionStrings__postgres named.
/// </summary>
internal static class PlatformPostgres
{
    public static async Task<string> AdminConnectionStringAsync(RunningPlatform platform) =>
        await platform.ConnectionStringAsync("postgres")
            ?? throw new InvalidOperationException("The AppHost's postgres resource has no connection string.");
}
