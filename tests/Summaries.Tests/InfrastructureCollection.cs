using Fenghuo.Testing;

namespace Fenghuo.Summaries.Tests;

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<PlatformInfrastructure>
{
    public const string Name = "infrastructure";
}
