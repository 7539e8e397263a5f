using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fenghuo.Platform.EndToEnd.BadInput;
using Fenghuo.Testing;
using Xunit.Abstractions;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>
/// Ten thousand malformed requests, generated from every service's OpenAPI document, sent through
/// the gateway with real tokens of several tenants: each is answered with a 4xx RFC 9457 problem
/// (never a 5xx, never a stack trace), none of them leaves anything in any database or on the bus,
/// and the platform stays healthy. A failure names its seed and case, which reproduce it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class BadInputTests(PlatformFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 20261130;
    private const int AtLeast = 10_000;

    // Bounded so that two cores shared with the platform answer rather than queue.
    private const int InFlight = 8;

    // The password-checking paths share the gateway's per-address login budget with every other test's logins.
    private const int PerPasswordPath = 6;

    private static readonly (string User, string Tenant)[] Callers =
    [
        ("jincheng.commander", "jincheng"), ("yangcheng.duty", "yangcheng"), ("chengqu.commander", "chengqu"),
        ("xinzhou_edz.director", "xinzhou_edz"), ("jincheng_energy.reporter", "jincheng_energy"), ("shanxi.duty", "shanxi"),
        ("xinzhou.commander", "xinzhou"), ("yangcheng.analyst", "yangcheng"),
    ];

    private const string Admin = "admin";

    private GatewayClient Gateway => fixture.Gateway;

    [Fact]
    public async Task Ten_thousand_malformed_requests_to_every_endpoint_are_refused_change_nothing_and_break_nothing()
    {
        var marker = $"fz{Seed:x}";
        var shapes = (await OperationShape.ReadAsync(Gateway)).Where(s => !s.Operation.Streams).ToList();
        var generator = new MalformedRequests(Seed, marker, Callers, Admin);
        var regular = shapes.Count(s => !s.ChecksPasswords);
        var perOperation = (AtLeast - shapes.Count(s => s.ChecksPasswords) * PerPasswordPath + regular - 1) / regular;
        var requests = new List<MalformedRequest>();
        foreach (var shape in shapes)
        {
            requests.AddRange(generator.For(shape, shape.ChecksPasswords ? PerPasswordPath : perOperation, requests.Count));
        }
        Assert.True(requests.Count >= AtLeast, $"only {requests.Count} requests generated");

        foreach (var user in Callers.Select(c => c.User).Append(Admin))
        {
            await Gateway.TokenForAsync(user);
        }
        var databases = await PlatformDatabases.OfAsync(fixture.Platform);
        var before = await databases.CountsAsync();

        var failures = new ConcurrentBag<(MalformedRequest Request, string Why)>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (request, ct) =>
        {
            var (status, why) = await SendAsync(request, ct);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (why is not null)
            {
                failures.Add((request, why));
            }
        });
        clock.Stop();

        output.WriteLine($"{requests.Count} requests (seed {Seed}) to {shapes.Count} operations in {clock.Elapsed.TotalSeconds:F0}s, {InFlight} at a time");
        output.WriteLine("answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        foreach (var defect in requests.GroupBy(r => Kind(r.Defect)).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {defect.Count(),6}  {defect.Key}");
        }

        var report = new StringBuilder();
        foreach (var group in failures.GroupBy(f => (f.Request.Shape.Operation.ToString(), Kind(f.Request.Defect))).OrderBy(g => g.Key))
        {
            var (request, why) = group.OrderBy(f => f.Request.Case).First();
            report.AppendLine($"{group.Key.Item1} — {group.Key.Item2}: {group.Count()} failed; first, {request}: {why}");
        }
        Assert.True(failures.IsEmpty, $"seed {Seed}: {failures.Count} of {requests.Count} requests were not refused properly:\n{report}");

        await Eventually.Until(async () =>
        {
            using var health = await Gateway.GetAsync("health", null);
            return health.StatusCode == HttpStatusCode.OK;
        }, "the platform is healthy after the malformed requests");
        Assert.Empty(await databases.RowsCarryingAsync(marker));
        var after = await databases.CountsAsync();
        var changed = after.Where(a => !before.TryGetValue(a.Key, out var was) || was != a.Value)
            .Select(a => $"{a.Key}: {before.GetValueOrDefault(a.Key)} → {a.Value}").ToList();
        Assert.True(changed.Count == 0 && before.Count == after.Count, "rows changed by refused requests: " + string.Join(", ", changed));
    }

    private async Task<(int Status, string? Why)> SendAsync(MalformedRequest request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path.TrimStart('/'));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Gateway.TokenForAsync(request.Caller));
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
            // As curl sends a body over 1 MiB: the gateway refuses an oversized body from its declared length and
            // closes the connection, and a client still writing it would hear a reset instead of the 413.
            message.Headers.ExpectContinue = body.Length > 1024 * 1024;
        }
        HttpResponseMessage response;
        try
        {
            response = await Gateway.Anonymous.SendAsync(message, ct);
        }
        catch (HttpRequestException e)
        {
            return (0, $"no answer: {e.Message}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (StackTrace().IsMatch(text))
            {
                return (status, $"{status} with a stack trace: {Cut(text)}");
            }
            if (status == (int)HttpStatusCode.TooManyRequests)
            {
                return (status, "429: the gateway throttled the run, so the service never saw the request");
            }
            if (status >= 500)
            {
                return (status, $"{status}: {Cut(text)}");
            }
            if (IsUnparsableRequestLine(response, text))
            {
                return (status, null);
            }
            if (status < 400)
            {
                return request.Owed == Owed.Refusal ? (status, $"accepted with {status}: {Cut(text)}") : (status, null);
            }
            if (!IsProblem(mediaType, text))
            {
                return request.Shape.SpeaksOwnProtocol && IsProtocolError(mediaType, text)
                    ? (status, null)
                    : (status, $"{status} {mediaType ?? "without a content type"}, not a problem document: {Cut(text)}");
            }
            return status == (int)HttpStatusCode.BadRequest && request.Field is { } field && !NamesField(text, field)
                ? (status, $"400 without a field error on {field}: {Cut(text)}")
                : (status, null);
        }
    }

    /// <summary>Whether the problem's field errors name <paramref name="field"/>, so the form can show the message beside it.</summary>
    private static bool NamesField(string text, string field) =>
        JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors)
        && errors.ValueKind == JsonValueKind.Object
        && errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));

    private static bool IsProblem(string? mediaType, string text)
    {
        if (mediaType != "application/problem+json")
        {
            return false;
        }
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            return problem.TryGetProperty("status", out _) && problem.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Kestrel refuses a request line it cannot parse (a path with %00) itself, before any code of
    /// ours runs, with an empty 400 and the connection closed; there is no hook to answer it otherwise.
    /// </summary>
    private static bool IsUnparsableRequestLine(HttpResponseMessage response, string text) =>
        response.StatusCode == HttpStatusCode.BadRequest && text.Length == 0 && response.Headers.ConnectionClose == true;

    /// <summary>
    /// RFC 6749 §5.2 errors for OpenID Connect clients (JSON, or OpenIddict's plain-text page when
    /// there is no client to send them back to), a page for the browser on the login screens,
    /// Keycloak's error representation on the admin API.
    /// </summary>
    private static bool IsProtocolError(string? mediaType, string text)
    {
        if (mediaType == "text/html" || (mediaType == "text/plain" && text.StartsWith("error:", StringComparison.Ordinal)))
        {
            return true;
        }
        if (mediaType != "application/json")
        {
            return false;
        }
        try
        {
            return JsonDocument.Parse(text).RootElement.TryGetProperty("error", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The kind of defect without the field it hit: "x of the wrong JSON kind" → "… of the wrong JSON kind".</summary>
    private static string Kind(string defect) => FieldPrefix().Replace(defect, "…");

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\bat [A-Za-z_][\w.`<>]*\.[\w<>]+\(|StackTrace|stackTrace|\w+Exception\b")]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"^(query |NUL character in |hostile text in query )?[a-zA-Z_]+(?= (of|out|not|nested|given|names)\b)")]
    private static partial Regex FieldPrefix();
}
