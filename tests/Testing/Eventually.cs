namespace Fenghuo.Testing;

/// <summary>
/// The one way tests wait for something that happens asynchronously (a relay, a consumer, a
/// scheduler): look again until it holds. The bound is how long to wait before calling it a
/// failure on a busy shared machine, never a claim about how fast anything should be.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public static Task Until(Func<bool> condition, string failure, TimeSpan? within = null) =>
        Until(() => Task.FromResult(condition()), failure, within);

    public static async Task Until(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        await Value(async () => await condition(), holds => holds, failure, within);
    }

    /// <summary>Reads until the value is accepted and returns it; fails with <paramref name="failure"/> and the last value read.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> accept, string failure, TimeSpan? within = null)
    {
        using var giveUp = new CancellationTokenSource(within ?? DefaultWithin);
        while (true)
        {
            var value = await read();
            if (accept(value))
            {
                return value;
            }
            if (giveUp.IsCancellationRequested)
            {
                Assert.Fail($"{failure} (last seen: {value})");
            }
            await Task.Delay(Pause, CancellationToken.None);
        }
    }
}
