using System.Net;
using System.Text.Json;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>The Warnings API as commands use it through the gateway.</summary>
public sealed class WarningDesk(GatewayClient gateway)
{
    public const string Base = "api/warnings";

    private readonly IncidentDesk desk = new(gateway);

    public Task<Reply> SendAsync(HttpMethod method, string path, string username, object? body = null) => desk.SendAsync(method, path, username, body);

    /// <summary>A proposal as a duty officer fills it in; expects 201.</summary>
    public async Task<string> ProposeAsync(string username, string level, string title, bool exercise = false, string publicity = "public",
        string category = "harmful_program")
    {
        var reply = await TryProposeAsync(username, level, title, DateTimeOffset.UtcNow.AddDays(2), exercise, publicity, category);
        Assert.True(reply.Status == HttpStatusCode.Created, $"propose by {username}: {reply}");
        Assert.Equal("proposed", reply.Body.GetProperty("state").GetString());
        return reply.Body.GetProperty("id").GetString()!;
    }

    /// <param name="category">A code of the proposing plan's taxonomy: GB/Z 20986-2007 by default, GB/T 20986-2023 for Yangcheng (malware).</param>
    public Task<Reply> TryProposeAsync(string username, string level, string title, DateTimeOffset expiresAt, bool exercise = false,
        string publicity = "public", string category = "harmful_program") =>
        SendAsync(HttpMethod.Post, Base, username, new
        {
            level, title, situation = "监测发现勒索病毒变种正在传播，可能加密重要信息系统数据", category,
            affectedScope = "辖区内政务信息系统和重要信息系统", measures = new[] { "排查并关闭暴露的 445 端口" },
            startsAt = DateTimeOffset.UtcNow, expiresAt, publicity, exercise,
        });

    public Task<Reply> ActAsync(string id, string act, string username, object? body = null) =>
        SendAsync(HttpMethod.Post, $"{Base}/{id}/{act}", username, body ?? new { });

    public async Task<JsonElement> DoneAsync(string id, string act, string username, object? body = null)
    {
        var reply = await ActAsync(id, act, username, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{act} by {username}: {reply}");
        return reply.Body;
    }

    /// <summary>The warning's line in the user's listing, or null when it is not listed.</summary>
    public async Task<JsonElement?> ListedAsync(string username, string id)
    {
        var reply = await SendAsync(HttpMethod.Get, Base, username);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {Base} as {username}: {reply}");
        return reply.Body.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("id").GetString() == id);
    }

    /// <summary>A Yangcheng warning in force, for isolation tests: every act a sibling could try has a target.</summary>
    public async Task<string> IssuedYangchengWarningAsync()
    {
        var id = await ProposeAsync("yangcheng.duty", "IV", "阳城县网络安全蓝色预警", category: "malware");
        await DoneAsync(id, "issue", "yangcheng.commander");
        return id;
    }
}
