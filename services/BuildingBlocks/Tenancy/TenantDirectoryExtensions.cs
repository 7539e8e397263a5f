using Fenghuo.BuildingBlocks.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Fenghuo.BuildingBlocks.Tenancy;

public static class TenantDirectoryExtensions
{
    /// <summary>Keeps this service's tenant directory in step with Jurisdictions' events.</summary>
    public static IBusRegistrationConfigurator AddTenantDirectoryReplica(this IBusRegistrationConfigurator bus)
    {
        bus.AddIdempotentConsumer<JurisdictionOnboardedConsumer>();
        bus.AddIdempotentConsumer<JurisdictionChangedConsumer>();
        bus.AddIdempotentConsumer<JurisdictionsSnapshotConsumer>();
        bus.AddHostedService<TenantDirectoryResync>();
        return bus;
    }
}
