using System.Text;
using System.Text.Json;

namespace Fenghuo.AppHost;

/// <summary>
/// Once the gateway is healthy, prints where everything is, how to log in to the dashboard, and the
/// demo logins, so a developer can start straight away.
/// </summary>
internal sealed class ReadySummary(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IConfiguration configuration,
    PlatformOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await notifications.WaitForResourceHealthyAsync("gateway", stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DistributedApplicationException e)
        {
            Console.Error.WriteLine($"The platform did not become healthy: {e.Message} The dashboard shows each resource's state and output.");
            return;
        }

        var gateway = model.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway").GetEndpoint("http").Url;
        var text = new StringBuilder().AppendLine();
        var shown = model.Resources.Where(r => notifications.TryGetCurrentState(r.Name, out var current) && !current.Snapshot.IsHidden);
        AppendTable(text, ["Resource", "URL", "State"], shown.Select(Row));
        text.AppendLine()
            .AppendLine($"Gateway:         {gateway}")
            .AppendLine($"Portal:          {gateway}/  (烽火 工作台: sign in as a demo user below)")
            .AppendLine($"API docs:        {gateway}/docs")
            .AppendLine($"Token endpoint:  {gateway}/realms/fenghuo/protocol/openid-connect/token");
        if (model.Resources.OfType<ExecutableResource>().SingleOrDefault(r => r.Name == "smtp4dev") is { } smtp4dev)
        {
            text.AppendLine($"Mail (smtp4dev): {smtp4dev.GetEndpoint("http").Url}  (every e-mail the platform sends lands here)");
        }
        if (configuration["ASPNETCORE_URLS"]?.Split(';')[0] is { Length: > 0 } dashboard && configuration["AppHost:BrowserToken"] is { } token)
        {
            text.AppendLine($"Dashboard:       {dashboard}/login?t={token}  (this link logs you in; the token changes every run)");
        }

        AppendDemoLogins(text, Path.Combine(options.Repository, "deploy", "keycloak", "fenghuo-realm.json"));
        Console.WriteLine(text);
    }

    private string[] Row(IResource resource)
    {
        var url = resource is IResourceWithEndpoints withEndpoints
            ? string.Join(" ", withEndpoints.GetEndpoints().Where(e => e.IsAllocated).Select(e => e.Url))
            : "";
        var state = notifications.TryGetCurrentState(resource.Name, out var current) ? current.Snapshot.State?.Text ?? "" : "";
        return [resource.Name, url, state];
    }

    private void AppendDemoLogins(StringBuilder text, string realmExport)
    {
        text.AppendLine().AppendLine($"Demo logins (password for all: {options.DemoPassword})");
        using var document = JsonDocument.Parse(File.ReadAllBytes(realmExport));
        var users = document.RootElement.GetProperty("users").EnumerateArray()
            // Service accounts sign in with client credentials, not with the demo password.
            .Where(user => !user.TryGetProperty("serviceAccountClientId", out _))
            .Select(user => new[]
            {
                user.GetProperty("username").ToString(),
                user.TryGetProperty("attributes", out var a) && a.TryGetProperty("tenant", out var t) ? Join(t) : "",
                user.TryGetProperty("realmRoles", out var roles) ? Join(roles) : "",
            });
        AppendTable(text, ["Username", "Tenant", "Roles"], users);
    }

    private static string Join(JsonElement values) => string.Join(", ", values.EnumerateArray().Select(v => v.ToString()));

    private static void AppendTable(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var (row, index) in all.Select((row, index) => (row, index)))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
            if (index == 0)
            {
                text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
    }
}
