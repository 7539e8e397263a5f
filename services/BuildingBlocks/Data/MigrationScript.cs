namespace Fenghuo.BuildingBlocks.Data;

/// <summary>One numbered SQL script, journaled under its <see cref="Name"/> ("platform/0001_outbox.sql").</summary>
public sealed record MigrationScript(string Name, string Sql);
