namespace Fenghuo.AppHost.Orchestration;

internal enum ResourceState
{
    Starting,
    Running,
    Healthy,
    Restarting,
    Failed,
    Stopped,
}
