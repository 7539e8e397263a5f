using Microsoft.Extensions.Time.Testing;

namespace Fenghuo.Incidents.Tests;

internal static class FakeClockExtensions
{
    public static void AdvanceTo(this FakeTimeProvider clock, DateTimeOffset moment) => clock.Advance(moment - clock.GetUtcNow());
}
