namespace Fenghuo.BuildingBlocks.Data;

/// <summary>Whether this process has brought its schema up to date; readiness waits for it.</summary>
public sealed class MigrationState
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => done.Task.IsCompleted;

    public Task WhenDone => done.Task;

    internal void MarkDone() => done.TrySetResult();
}
