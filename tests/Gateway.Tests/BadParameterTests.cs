using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fenghuo.Gateway.Tests;

/// <summary>
/// A query value that cannot be bound (text where a number belongs) is answered with a field error naming the
/// parameter in every environment: outside Development, minimal APIs would otherwise end the request with a bare
/// 400 before any handler of ours runs. What the answer says is checked through the gateway by BadInputTests
/// (Platform.EndToEnd), which runs in Development; this checks that Production takes the same path.
/// </summary>
public sealed class BadParameterTests
{
    [Fact]
    public async Task Production_throws_a_parameter_that_cannot_be_bound_to_the_problem_handler()
    {
        await using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Production"));

        Assert.True(production.Services.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest);
    }
}
