using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Fenghuo.Notifications.Tests;

/// <summary>
/// A real HTTP endpoint on loopback standing in for a tenant's webhook target: it records every
/// request and answers the given statuses in turn, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly Task serving;

    public WebhookReceiver(params HttpStatusCode[] firstAnswers)
    {
        answers = new ConcurrentQueue<HttpStatusCode>(firstAnswers);
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hooks/fenghuo/");
        }
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Answers every request from now on with this status.</summary>
    public HttpStatusCode Always { get; set; } = HttpStatusCode.OK;

    public IReadOnlyList<ReceivedWebhook> Received => received.ToArray();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var status = answers.TryDequeue(out var next) ? next : Always;
            received.Enqueue(new ReceivedWebhook(
                context.Request.Headers["webhook-id"] ?? "", context.Request.Headers["webhook-timestamp"] ?? "",
                context.Request.Headers["webhook-signature"] ?? "", body, status));
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}

/// <summary>One request as the target saw it, and what it answered.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, HttpStatusCode Answered)
{
    /// <summary>Whether the Standard Webhooks library accepts the signature for this secret.</summary>
    public bool IsSignedWith(string secret)
    {
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = Id,
            ["webhook-timestamp"] = Timestamp,
            ["webhook-signature"] = Signature,
        };
        try
        {
            new StandardWebhook(secret).Verify(Body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }
}
