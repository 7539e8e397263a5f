using System.Net;
using System.Security.Claims;
using System.Text;
using Fenghuo.Portal.Gateway;
using Fenghuo.Portal.Session;
using Fenghuo.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Portal.Tests;

/// <summary>What a page shows when the gateway or an API answers with an error: plain Chinese, never a trace.</summary>
public sealed class ProblemMessageTests
{
    private record Nothing;

    [Fact]
    public async Task A_failure_inside_a_service_is_a_plain_Chinese_sentence_with_the_id_support_traces_it_by()
    {
        var answer = await AnswerAsync(HttpStatusCode.InternalServerError, "application/problem+json",
            """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.6.1","title":"An error occurred while processing your request.","status":500,
             "detail":"System.InvalidOperationException: boom\n   at Fenghuo.Incidents.Apis.IncidentsApi.ReportAsync()","correlationId":"c0ffee42"}
            """);

        Assert.False(answer.Ok);
        Assert.Equal("平台处理请求时出现问题，操作没有完成，请稍后重试。如多次出现，请联系平台管理员并告知错误编号 c0ffee42。", answer.Message);
    }

    [Fact]
    public async Task A_refusal_shows_the_Chinese_half_of_the_APIs_title_and_its_field_messages()
    {
        var answer = await AnswerAsync(HttpStatusCode.BadRequest, "application/problem+json",
            """
            {"title":"请求内容有误 (The request has invalid fields)","status":400,
             "fieldErrors":[{"field":"category","message":"请选择事件类别"},{"field":"category","message":"类别不在预案中"}]}
            """);

        Assert.Equal("请求内容有误", answer.Message);
        Assert.Equal("请选择事件类别；类别不在预案中", answer.FieldError("category"));
    }

    [Fact]
    public async Task A_proxys_error_page_says_the_service_is_unavailable()
    {
        var answer = await AnswerAsync(HttpStatusCode.BadGateway, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");

        Assert.Equal("该服务暂不可用，请稍后重试。", answer.Message);
        Assert.True(answer.ServiceMissing);
    }

    [Fact]
    public async Task An_English_only_title_gives_way_to_the_Chinese_for_its_status()
    {
        var answer = await AnswerAsync(HttpStatusCode.Forbidden, "application/problem+json", """{"title":"Forbidden","status":403}""");

        Assert.Equal("您的角色无权进行此操作。", answer.Message);
    }

    private static async Task<ApiAnswer<Nothing>> AnswerAsync(HttpStatusCode status, string mediaType, string body)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var store = new SessionStore(time);
        var id = store.Open(new SessionTokens("access", "refresh", "id", time.GetUtcNow().AddMinutes(5)));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaims.SessionId, id)], "test"));
        var session = new PortalSession(new SignedIn(user), store, new Clients(new Answering(status, mediaType, body)),
            new KeycloakOptions(), time, NullLogger<PortalSession>.Instance);
        var api = new GatewayApi(new Clients(new Answering(status, mediaType, body)), session, NullLogger<GatewayApi>.Instance);
        return await api.GetAsync<Nothing>("api/incidents");
    }

    private sealed class Answering(HttpStatusCode status, string mediaType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = new Uri("http://gateway.test/") };
    }

    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
