namespace Fenghuo.Gateway.Routing;

/// <summary>Every service the gateway fronts; /health waits for all of them and /docs lists them all.</summary>
public static class Downstreams
{
    public static readonly DownstreamService Identity = new("identity-api", "identity", "身份认证 (Identity)");
    public static readonly DownstreamService Jurisdictions = new("jurisdictions-api", "jurisdictions", "辖区与预案 (Jurisdictions)");
    public static readonly DownstreamService Incidents = new("incidents-api", "incidents", "突发事件 (Incidents)");
    public static readonly DownstreamService Warnings = new("warnings-api", "warnings", "预警发布 (Warnings)");
    public static readonly DownstreamService Notifications = new("notifications-api", "notifications", "通知 (Notifications)");
    public static readonly DownstreamService Exercises = new("exercises-api", "exercises", "演练 (Exercises)");
    public static readonly DownstreamService Summaries = new("summaries-api", "summaries", "汇总与导出 (Summaries)");

    /// <summary>The web portal: served at /, no OpenAPI document, not part of /health's service list (the AppHost waits for it).</summary>
    public static readonly DownstreamService Portal = new("portal", "portal", "门户 (Portal)");

    public static IReadOnlyList<DownstreamService> All { get; } =
        [Identity, Jurisdictions, Incidents, Warnings, Notifications, Exercises, Summaries];
}
