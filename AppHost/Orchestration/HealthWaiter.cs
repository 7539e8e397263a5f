using System.Net;

namespace Fenghuo.AppHost.Orchestration;

/// <summary>Polls a resource's /health until it answers 200 (all "ready" checks pass) or time runs out.</summary>
internal static class HealthWaiter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // A developer's HTTP(S)_PROXY must not capture loopback probes.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<bool> WaitAsync(string baseUrl, TimeSpan timeout, CancellationToken ct)
    {
        var health = new Uri($"{baseUrl}/health");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Client.GetAsync(health, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or restarting.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // A probe timed out; the next one decides.
            }

            await Task.Delay(PollInterval, ct);
        }

        return false;
    }
}
