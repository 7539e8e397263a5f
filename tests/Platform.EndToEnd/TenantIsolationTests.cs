using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fenghuo.Testing;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Generated from the services' own OpenAPI documents: every operation, called with a sibling
/// tenant's token against Yangcheng's records, reads nothing of Yangcheng's and changes nothing.
/// An operation with a path parameter this suite has no Yangcheng-owned value for fails here,
/// so a new endpoint cannot be added without being covered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantIsolationTests(PlatformFixture fixture)
{
    private const string Owner = "yangcheng.duty";
    private const string Sibling = "chengqu.duty";
    private const string OwnerMarker = "yangcheng";

    // The same for every tenant by design (national taxonomies, onboarding templates): nothing of Yangcheng's to leak.
    private static readonly string[] ReferenceData = ["/api/plan-templates"];

    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Reference_data_is_the_same_for_every_tenant()
    {
        using var asYangcheng = await Gateway.GetAsync("api/plan-templates", Owner);
        using var asChengqu = await Gateway.GetAsync("api/plan-templates", Sibling);
        Assert.Equal(HttpStatusCode.OK, asChengqu.StatusCode);
        Assert.Equal(await asYangcheng.Content.ReadAsStringAsync(), await asChengqu.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sibling_tenant_reads_and_changes_nothing_of_another_through_any_endpoint()
    {
        var operations = await ApiCatalogue.ReadAsync(Gateway);
        Assert.NotEmpty(operations);
        var values = await OwnedValuesAsync();
        var failures = new List<string>();

        // A stream never ends, so it cannot be read whole here; NotificationTests proves a stream carries only the caller's items.
        foreach (var operation in operations.Where(o => !o.AllowsAnonymous && !o.Streams && !ReferenceData.Any(o.PathTemplate.StartsWith)))
        {
            var missing = operation.Parameters.Where(p => !values.ContainsKey((operation.Service, p))).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"{operation}: no isolation fixture for {string.Join(", ", missing)}");
                continue;
            }
            var path = operation.Parameters.Aggregate(operation.PathTemplate, (p, name) => p.Replace($"{{{name}}}", values[(operation.Service, name)]));
            var before = await OwnerViewAsync(path);

            using var response = await Gateway.SendAsync(operation.Method, path, Sibling, operation.Method == HttpMethod.Get ? null : new { });
            var body = await response.Content.ReadAsStringAsync();
            var listsOnlyOwnRecords = operation.Method == HttpMethod.Get && !operation.Parameters.Any();
            if (listsOnlyOwnRecords)
            {
                if (body.Contains(OwnerMarker, StringComparison.Ordinal))
                {
                    failures.Add($"{operation}: a sibling's listing shows {OwnerMarker}'s records");
                }
            }
            else if (response.IsSuccessStatusCode)
            {
                failures.Add($"{operation}: answered {(int)response.StatusCode} to a sibling tenant");
            }
            else if (operation.Method == HttpMethod.Get && response.StatusCode != HttpStatusCode.NotFound && response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{operation}: answered {(int)response.StatusCode}, expected 404 (or 403 for a role the sibling lacks)");
            }

            if (before is not null && before != await OwnerViewAsync(path))
            {
                failures.Add($"{operation}: the owner's record changed after the sibling's call");
            }
        }

        Assert.True(failures.Count == 0, new StringBuilder().AppendJoin('\n', failures).ToString());
    }

    /// <summary>What the owner sees at that path before and after, when it is a readable resource.</summary>
    private async Task<string?> OwnerViewAsync(string path)
    {
        using var response = await Gateway.GetAsync(path, Owner);
        return response.StatusCode == HttpStatusCode.OK ? WithoutCountdowns(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>
    /// The view without a running deadline's seconds left: they tick down between two reads by
    /// themselves, which is not a change anyone made.
    /// </summary>
    private static string WithoutCountdowns(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
        Strip(node);
        return node?.ToJsonString() ?? "null";

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    obj.Remove("timeLeftSeconds");
                    foreach (var (_, child) in obj)
                    {
                        Strip(child);
                    }
                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }
                    break;
            }
        }
    }

    /// <summary>Per service and path parameter, a value naming a record that belongs to Yangcheng.</summary>
    private async Task<Dictionary<(string Service, string Parameter), string>> OwnedValuesAsync()
    {
        var values = new Dictionary<(string, string), string>();
        foreach (var service in ApiCatalogue.Services)
        {
            values[(service, "code")] = OwnerMarker;
            values[(service, "realm")] = "fenghuo";
        }
        values[("identity", "id")] = await IdentityUserIdAsync(Owner);
        values[("identity", "name")] = "commander";
        values[("jurisdictions", "version")] = "1";
        // A Yangcheng incident escalated to Jincheng, with an answered inquiry: every act a sibling could try has a target.
        var (incidentId, inquiryId) = await new IncidentDesk(Gateway).EscalatedYangchengIncidentAsync();
        values[("incidents", "id")] = incidentId;
        values[("incidents", "inquiryId")] = inquiryId;
        values[("warnings", "id")] = await new WarningDesk(Gateway).IssuedYangchengWarningAsync();
        // A Yangcheng exercise evaluated with an answered inject and an open finding.
        (values[("exercises", "id")], values[("exercises", "injectId")], values[("exercises", "findingId")]) =
            await new ExerciseDesk(Gateway).EvaluatedYangchengExerciseAsync();
        // The city's inquiry put an item in Yangcheng's duty officer's inbox.
        values[("notifications", "webhookId")] = await YangchengWebhookAsync();
        values[("notifications", "id")] = await Eventually.Value(() => InboxItemAboutAsync(incidentId), id => id is not null,
            "yangcheng.duty was told of the city's inquiry") ?? "";
        return values;
    }

    /// <summary>A webhook of Yangcheng's, on a loopback port nothing listens on: its deliveries fail and are retried, which changes nothing a sibling could see.</summary>
    private async Task<string> YangchengWebhookAsync()
    {
        using var response = await Gateway.PostAsync("api/notifications/webhooks", "yangcheng.director",
            new { url = "http://127.0.0.1:9/isolation", events = new[] { "WarningLifted" }, description = "isolation fixture" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register a Yangcheng webhook: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string?> InboxItemAboutAsync(string incidentId)
    {
        using var inbox = await Gateway.GetAsync("api/notifications", Owner);
        if (inbox.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
        var items = (await inbox.JsonAsync()).GetProperty("items").EnumerateArray();
        return items.FirstOrDefault(i => i.GetProperty("subjectId").GetString() == incidentId) is { ValueKind: JsonValueKind.Object } item
            ? item.GetProperty("id").GetString()
            : null;
    }

    private async Task<string> IdentityUserIdAsync(string username)
    {
        using var response = await Gateway.GetAsync($"admin/realms/fenghuo/users?username={username}&exact=true", "admin");
        response.EnsureSuccessStatusCode();
        var users = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return users[0].GetProperty("id").GetString()!;
    }
}
