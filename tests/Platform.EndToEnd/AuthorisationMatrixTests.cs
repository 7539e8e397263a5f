using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fenghuo.Platform.EndToEnd.Authorisation;
using Fenghuo.Testing;
using Xunit.Abstractions;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Every operation of every OpenAPI document × every demo role of Jincheng (and the platform
/// administrator) × a record of Jincheng's own, of its child Yangcheng, of its parent Shanxi and of
/// another branch (Xinzhou): allowed or denied as <see cref="AuthorisationTable"/> says, printed as
/// a table. Each act is sent an empty body, so an allowed caller meets a field error or a state
/// conflict, and a denied one a 403 or a 404 that hides the record.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorisationMatrixTests(PlatformFixture fixture, ITestOutputHelper output)
{
    private static readonly (Who Role, string User)[] Callers =
    [
        (Who.Commander, "jincheng.commander"), (Who.Deputy, "jincheng.deputy"), (Who.Director, "jincheng.director"),
        (Who.Duty, "jincheng.duty"), (Who.Reporter, "jincheng.reporter"), (Who.Reviewer, "jincheng.reviewer"),
        (Who.Analyst, "jincheng.analyst"), (Who.Admin, "admin"),
    ];

    private static readonly (Whose Whose, string Tenant)[] Owners =
        [(Whose.Own, "jincheng"), (Whose.Child, "yangcheng"), (Whose.Parent, "shanxi"), (Whose.Sibling, "xinzhou")];

    /// <summary>Who registers the webhook of each owner (Shanxi has nobody who may).</summary>
    private static readonly Dictionary<Whose, string> WebhookOwners = new()
    {
        [Whose.Own] = "jincheng.director", [Whose.Child] = "yangcheng.director", [Whose.Sibling] = "xinzhou.commander",
    };

    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Every_endpoint_allows_and_denies_each_role_and_owner_as_the_table_says()
    {
        var operations = await ApiCatalogue.ReadAsync(Gateway);
        var rules = AuthorisationTable.Rules.ToDictionary(r => r.Operation);
        var unruled = operations.Where(o => !rules.ContainsKey(Key(o))).Select(Key).ToList();
        Assert.True(unruled.Count == 0,
            "New endpoints without a line in tests/Platform.EndToEnd/Authorisation/AuthorisationTable.cs (who may call them, on whose records):\n"
            + string.Join('\n', unruled));
        var stale = rules.Keys.Except(operations.Select(Key)).ToList();
        Assert.True(stale.Count == 0, "Lines of AuthorisationTable.cs for endpoints that no longer exist:\n" + string.Join('\n', stale));

        var records = await RecordsAsync();
        var mismatches = new List<string>();
        var table = new StringBuilder();
        table.AppendLine($"{"operation",-66} {"owner",-8} " + string.Join(' ', Callers.Select(c => $"{c.Role,-9}")));
        foreach (var operation in operations)
        {
            var rule = rules[Key(operation)];
            foreach (var (whose, tenant) in rule.RealmWide ? [Owners[0]] : Owners)
            {
                var path = PathFor(operation, whose, tenant, records);
                var cells = new List<string>();
                foreach (var (role, user) in Callers)
                {
                    if (path is null)
                    {
                        cells.Add($"{"·",-9}");
                        continue;
                    }
                    if (ChecksPasswords(operation) && user is not ("admin" or "jincheng.analyst"))
                    {
                        cells.Add($"{"-",-9}");
                        continue;
                    }
                    var (allowed, status) = await TryAsync(operation, path, user, rule.RealmWide);
                    if (operation.Method == HttpMethod.Delete && status is >= 200 and < 300 && WebhookOwners.TryGetValue(whose, out var owner))
                    {
                        // The next caller is tried on a webhook of its own, not on the 404 the delete left.
                        records[(operation.Service, "webhookId", whose)] = await WebhookAsync(owner);
                        path = PathFor(operation, whose, tenant, records);
                    }
                    var expected = rule.Allows(role, whose);
                    if (rule.Undecided is { } undecided && undecided.Status == status)
                    {
                        cells.Add($"{"~" + status,-9}");
                        continue;
                    }
                    if (status >= 500 || allowed != expected)
                    {
                        mismatches.Add($"{Key(operation)} on {(rule.RealmWide ? "the realm" : whose + "'s record")} as {user}: "
                            + $"{status}, expected {(expected ? "allowed" : "denied")}");
                    }
                    cells.Add($"{(allowed ? "✓" : "✗") + (allowed != expected || status >= 500 ? "!" : "") + status,-9}");
                }
                table.AppendLine($"{Key(operation),-66} {(rule.RealmWide ? "—" : whose.ToString()),-8} " + string.Join(' ', cells));
            }
        }
        output.WriteLine("✓ allowed  ✗ denied  ! not as the table says  · no such record  ~ answered before the role was weighed  - not tried (a login path; two callers show it open)  (each cell: outcome and status)");
        foreach (var rule in AuthorisationTable.Rules.Where(r => r.Undecided is not null))
        {
            output.WriteLine($"  ~ {rule.Operation}: {rule.Undecided!.Value.Status} — {rule.Undecided.Value.Why}");
        }
        output.WriteLine(table.ToString());
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} calls not as AuthorisationTable.cs says:\n" + string.Join('\n', mismatches));
    }

    private static string Key(ApiOperation operation) => $"{operation.Method} {operation.PathTemplate}";

    /// <summary>Password paths spend the gateway's per-address login budget: two callers suffice to show they are open.</summary>
    private static bool ChecksPasswords(ApiOperation operation) =>
        operation.PathTemplate.EndsWith("/openid-connect/token", StringComparison.Ordinal)
        || operation.PathTemplate.Contains("/login-actions/", StringComparison.Ordinal)
        || operation.PathTemplate.EndsWith("/credentials/password", StringComparison.Ordinal);

    private async Task<(bool Allowed, int Status)> TryAsync(ApiOperation operation, string path, string user, bool realmWide)
    {
        using var request = new HttpRequestMessage(operation.Method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Gateway.TokenForAsync(user));
        if (operation.Method != HttpMethod.Get)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        // Headers are enough to know the answer, and an event stream would never end.
        using var response = await Gateway.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var denied = status is 401 or 403 || (status == 404 && !realmWide);
        return (!denied, status);
    }

    private static string? PathFor(ApiOperation operation, Whose whose, string tenant, IReadOnlyDictionary<(string, string, Whose), string> records)
    {
        var path = operation.PathTemplate;
        foreach (var parameter in operation.Parameters)
        {
            var value = parameter switch
            {
                "realm" => "fenghuo",
                "code" => tenant,
                "version" => "1",
                "name" => "commander",
                _ => records.GetValueOrDefault((operation.Service, parameter, whose)),
            };
            if (value is null)
            {
                return null;
            }
            path = path.Replace($"{{{parameter}}}", value);
        }
        return path;
    }

    /// <summary>Per service, parameter and owner, a record that exists; realm-wide ids are ones nobody has.</summary>
    private async Task<Dictionary<(string, string, Whose), string>> RecordsAsync()
    {
        var records = new Dictionary<(string, string, Whose), string>();
        foreach (var whose in Enum.GetValues<Whose>())
        {
            records[("identity", "id", whose)] = Guid.NewGuid().ToString();
        }
        using (var templates = await Gateway.GetAsync("api/plan-templates", "jincheng.analyst"))
        {
            records[("jurisdictions", "id", Whose.Own)] = (await templates.JsonAsync()).GetProperty("templates")[0].GetProperty("id").GetString()!;
        }

        var incidents = new IncidentDesk(Gateway);
        var (childIncident, childInquiry) = await incidents.EscalatedYangchengIncidentAsync();
        records[("incidents", "id", Whose.Own)] = IncidentDesk.Id(await incidents.ReportAsync("jincheng.duty",
            IncidentDesk.Form("general", "network_attack", "denial_of_service", IncidentDesk.MinutesAgo(5))));
        records[("incidents", "id", Whose.Child)] = childIncident;
        records[("incidents", "inquiryId", Whose.Child)] = childInquiry;
        records[("incidents", "id", Whose.Sibling)] = IncidentDesk.Id(await incidents.ReportAsync("xinzhou_edz.duty",
            IncidentDesk.Form("large", "network_attack", null, IncidentDesk.MinutesAgo(5))));

        var warnings = new WarningDesk(Gateway);
        records[("warnings", "id", Whose.Own)] = await warnings.ProposeAsync("jincheng.duty", "III", "晋城市Ⅲ级网络安全预警");
        records[("warnings", "id", Whose.Child)] = await warnings.IssuedYangchengWarningAsync();
        records[("warnings", "id", Whose.Sibling)] = await warnings.ProposeAsync("xinzhou_edz.duty", "yellow", "忻州经济开发区黄色预警");

        // The child's escalation told Jincheng's duty officer; Jincheng's inquiry told Yangcheng's.
        records[("notifications", "id", Whose.Own)] = await InboxItemAsync("jincheng.duty", childIncident);
        records[("notifications", "id", Whose.Child)] = await InboxItemAsync("yangcheng.duty", childIncident);
        foreach (var (whose, owner) in WebhookOwners)
        {
            records[("notifications", "webhookId", whose)] = await WebhookAsync(owner);
        }

        // Exercises run to their evaluation, each with an answered inject and an open finding of the organiser's.
        var exercises = new ExerciseDesk(Gateway);
        foreach (var (whose, tenant, organiser) in new[] { (Whose.Own, "jincheng", "jincheng.director"), (Whose.Child, "yangcheng", "yangcheng.director"), (Whose.Sibling, "xinzhou", "xinzhou.commander") })
        {
            (records[("exercises", "id", whose)], records[("exercises", "injectId", whose)], records[("exercises", "findingId", whose)]) =
                await exercises.EvaluatedExerciseAsync(tenant, organiser);
        }
        return records;
    }

    /// <summary>A webhook on a loopback port nothing listens on, for events the matrix never causes.</summary>
    private async Task<string> WebhookAsync(string director)
    {
        using var response = await Gateway.PostAsync("api/notifications/webhooks", director,
            new { url = "http://127.0.0.1:9/matrix", events = new[] { "WarningLifted" }, description = "authorisation matrix" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register a webhook as {director}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<string> InboxItemAsync(string user, string incidentId) =>
        await Eventually.Value(async () =>
        {
            using var inbox = await Gateway.GetAsync("api/notifications", user);
            if (inbox.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            var item = (await inbox.JsonAsync()).GetProperty("items").EnumerateArray()
                .FirstOrDefault(i => i.GetProperty("subjectId").GetString() == incidentId);
            return item.ValueKind == System.Text.Json.JsonValueKind.Object ? item.GetProperty("id").GetString() : null;
        }, id => id is not null, $"{user} was told of incident {incidentId}") ?? "";
}
