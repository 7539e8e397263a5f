using System.Net;
using System.Text.Json;
using Fenghuo.Platform.EndToEnd;

namespace Fenghuo.Incidents.Bench;

/// <summary>
/// The many-tenant mix's counties: onboarded through the Jurisdictions API as the platform
/// administrator does it (one call a county: the jurisdiction under 晋城市, its plan from the county
/// template, its duty officer), then waited for until incidents-api knows each county and holds its
/// plan, and each duty officer has a token.
/// </summary>
internal sealed class Counties(IReadOnlyList<string> codes)
{
    // Onboarding creates users in the identity service, which hashes their passwords: a few at a time.
    private const int Parallel = 4;

    /// <summary>In the follow-up mix, of every this many operations of a county one is a new report and the rest are 续报.</summary>
    public const int FollowUpMix = 5;

    public IReadOnlyList<string> Codes => codes;

    public static string Duty(string code) => $"{code}.duty";

    public static async Task<Counties> OnboardAsync(GatewayClient gateway, int count)
    {
        // Codes unique to the run, so a bench against a running platform (--gateway) can be repeated.
        var run = Guid.NewGuid().ToString("N")[..6];
        var codes = Enumerable.Range(1, count).Select(i => $"bench{run}_{i:000}").ToList();
        await System.Threading.Tasks.Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (code, _) =>
        {
            var number = code[^3..];
            using var response = await gateway.PostAsync("api/jurisdictions", "admin", new
            {
                code,
                name = $"基准{number}县",
                kind = "county",
                parentCode = "jincheng",
                plan = new { template = "county" },
                users = new[]
                {
                    new
                    {
                        username = Duty(code), displayName = $"基准{number}县值班员", roles = new[] { "duty-officer", "reporter" },
                        credentials = new { password = RunningPlatform.DemoPassword, temporary = false },
                    },
                },
            });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Onboarding {code} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            await gateway.TokenForAsync(Duty(code));
        });
        await System.Threading.Tasks.Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = Parallel },
            async (code, _) => await WaitForPlanAsync(gateway, code));
        return new Counties(codes);
    }

    /// <summary>One incident a county, for the follow-ups to add to.</summary>
    public async Task<IReadOnlyList<string>> FirstIncidentsAsync(IncidentsClient incidents)
    {
        var ids = new string[codes.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, codes.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallel },
            async (i, _) =>
            {
                var (id, error) = await incidents.ReportAsync(Duty(codes[i]), readId: true);
                ids[i] = id ?? throw new InvalidOperationException($"The first report of {codes[i]} failed: {error}");
            });
        return ids;
    }

    // incidents-api learns of a county and its plan from Jurisdictions' events; a report before both arrived would be refused.
    private static async Task WaitForPlanAsync(GatewayClient gateway, string code)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await gateway.GetAsync($"api/incidents/plans/{code}", Duty(code));
            if (response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength() > 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"incidents-api did not hold {code}'s plan 2 minutes after onboarding ({(int)response.StatusCode}).");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
