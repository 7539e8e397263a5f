using Xunit.Abstractions;
using Xunit.Sdk;

namespace Fenghuo.Platform.EndToEnd;

/// <summary>One running platform shared by the tests of the "platform" collection.</summary>
public sealed class PlatformFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public RunningPlatform Platform { get; private set; } = null!;

    public GatewayClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var started = DateTime.UtcNow;
        Platform = await RunningPlatform.StartAsync();
        Gateway = new GatewayClient(Platform.Gateway);
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Platform healthy at {Platform.Gateway} after {(DateTime.UtcNow - started).TotalSeconds:F0}s"));
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await Platform.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
