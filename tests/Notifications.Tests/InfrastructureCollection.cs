using Fenghuo.Testing;

namespace Fenghuo.Notifications.Tests;

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<PlatformInfrastructure>
{
    public const string Name = "infrastructure";
}
