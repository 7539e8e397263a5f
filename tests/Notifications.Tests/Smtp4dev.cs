using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

/// <summary>
/// A real SMTP server for a test: smtp4dev, the repository's local dotnet tool, on loopback ports,
/// keeping its mail in memory; what it received is read from its HTTP API.
/// </summary>
public sealed class Smtp4dev : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private Smtp4dev(Process process, HttpClient http, int smtpPort)
    {
        this.process = process;
        this.http = http;
        SmtpPort = smtpPort;
    }

    public int SmtpPort { get; }

    /// <summary>Starts it on <paramref name="smtpPort"/> (a port picked earlier, so a test can send before it is up).</summary>
    public static async Task<Smtp4dev> StartAsync(int smtpPort)
    {
        var webPort = FreePort();
        var data = Directory.CreateTempSubdirectory("smtp4dev-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "tool", "run", "smtp4dev", "--",
                $"--smtpport={smtpPort}", $"--urls=http://127.0.0.1:{webPort}", "--bindaddress=127.0.0.1",
                "--db=", "--imapport=", "--pop3port=", "--nousersettings", $"--baseappdatapath={data}",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");
        // Its output is read and dropped, so a full pipe never stalls it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Smtp4dev(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") }, smtpPort);
        await Eventually.Until(async () => !process.HasExited && await server.AnswersAsync(), "smtp4dev listens (run `dotnet tool restore` once if it is missing)");
        return server;
    }

    /// <summary>The subjects and recipients of everything received, newest first.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MessagesAsync()
    {
        var page = await http.GetFromJsonAsync<MessagePage>("/api/messages?pageSize=500");
        return page?.Results ?? [];
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await http.GetAsync("/api/messages");
            using var smtp = new TcpClient();
            await smtp.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException)
        {
            return false;
        }
    }

    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("No .config/dotnet-tools.json above the test's directory.");
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private sealed record MessagePage(IReadOnlyList<ReceivedMail> Results);
}

public sealed record ReceivedMail(string Id, string Subject, IReadOnlyList<string> To);
