using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Incidents.Domain;

public static class Ancestry
{
    /// <summary>Whether the caller's jurisdiction is an ancestor of <paramref name="tenant"/> in the tree as it stands.</summary>
    public static async Task<bool> StandsAboveAsync(this TenantDirectory directory, TenantContext caller, string tenant, CancellationToken ct) =>
        caller.TenantPath is { } path && (await directory.FindAsync(tenant, ct))?.Path is { } below
        && below != path && Subtree.Contains(path, below);
}
