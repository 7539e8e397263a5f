namespace Fenghuo.BuildingBlocks.Tenancy;

/// <summary>The jurisdiction tree's one rule of descent, as ltree's <c>path &lt;@ root</c> says it in SQL.</summary>
public static class Subtree
{
    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> itself or lies anywhere below it.</summary>
    public static bool Contains(string root, string path) =>
        path == root || path.StartsWith(root + ".", StringComparison.Ordinal);
}
