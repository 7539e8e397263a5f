using System.Text;
using System.Text.Json;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>The summary printed once everything is up: resources, entry points and demo logins.</summary>
internal static class ResourceTable
{
    public sealed record Row(string Resource, string Url, string State);

    public static string Render(IReadOnlyList<Row> resources, string gatewayUrl, string realmExport, string demoPassword)
    {
        var text = new StringBuilder();
        text.AppendLine();
        AppendTable(text, ["Resource", "URL", "State"], resources.Select(r => (string[])[r.Resource, r.Url, r.State]));

        text.AppendLine();
        text.AppendLine($"Gateway:         {gatewayUrl}");
        text.AppendLine($"API docs:        {gatewayUrl}/docs");
        text.AppendLine($"Token endpoint:  {gatewayUrl}/realms/fenghuo/protocol/openid-connect/token");
        text.AppendLine();

        if (!File.Exists(realmExport))
        {
            text.AppendLine($"Demo logins: none yet ({realmExport} does not exist).");
            return text.ToString();
        }

        try
        {
            var users = DemoUser.ReadRealmExport(realmExport);
            text.AppendLine($"Demo logins (password for all: {demoPassword})");
            AppendTable(text, ["Username", "Tenant", "Roles"], users.Select(u => (string[])[u.Username, u.Tenant, u.Roles]));
        }
        catch (JsonException e)
        {
            text.AppendLine($"Demo logins: {realmExport} could not be read: {e.Message}");
        }

        return text.ToString();
    }

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
