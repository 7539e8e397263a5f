using System.Text.Json;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>A user of the realm export, shown so a developer can log in straight away.</summary>
internal sealed record DemoUser(string Username, string Tenant, string Roles)
{
    /// <summary>Reads Keycloak's realm export format: users[] with username, attributes.tenant[], realmRoles[].</summary>
    public static IReadOnlyList<DemoUser> ReadRealmExport(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var users = Property(document.RootElement, "users");
        if (users.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return
        [
            .. users.EnumerateArray()
                // Service accounts sign in with client credentials, not with the demo password.
                .Where(user => Property(user, "serviceAccountClientId").ValueKind == JsonValueKind.Undefined)
                .Select(user => new DemoUser(
                    Property(user, "username").ToString(),
                    Join(Property(Property(user, "attributes"), "tenant")),
                    Join(Property(user, "realmRoles")))),
        ];
    }

    /// <summary>Undefined when absent, so that missing parts of an export read as empty.</summary>
    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string Join(JsonElement values) =>
        values.ValueKind == JsonValueKind.Array
            ? string.Join(", ", values.EnumerateArray().Select(v => v.ToString()))
            : "";
}
