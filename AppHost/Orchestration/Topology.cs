namespace Fenghuo.AppHost.Orchestration;

/// <summary>What runs, under the names Aspire would give it; services find each other by these names.</summary>
internal static class Topology
{
    /// <summary>Seeds the demo users, so it alone is told their password.</summary>
    public static readonly ServiceResource Identity = new("identity-api", "services/Identity", "Fenghuo.Identity", "identity");

    public static readonly IReadOnlyList<ServiceResource> Services =
    [
        Identity,
        new("jurisdictions-api", "services/Jurisdictions", "Fenghuo.Jurisdictions", "jurisdictions"),
        new("incidents-api", "services/Incidents", "Fenghuo.Incidents", "incidents"),
        new("warnings-api", "services/Warnings", "Fenghuo.Warnings", "warnings"),
        new("notifications-api", "services/Notifications", "Fenghuo.Notifications", "notifications"),
        new("exercises-api", "services/Exercises", "Fenghuo.Exercises", "exercises"),
    ];

    public static readonly ServiceResource Gateway = new("gateway", "gateway", "Fenghuo.Gateway", null);

    public static IReadOnlyList<ServiceResource> All { get; } = [.. Services, Gateway];
}
