namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Where the audit trail's signed checkpoints go and the key that signs them, from "Fenghuo:Audit":
/// <code>
/// "Fenghuo": {
///   "Audit": {
///     "SealKey": "…",                 // env Fenghuo__Audit__SealKey: ≥ 32 characters, never stored in the database
///     "CheckpointDirectory": "…",     // env Fenghuo__Audit__CheckpointDirectory: outside the database server (a WORM share, a log shipper's spool)
///     "SealSeconds": 60,              // how often the chain is verified and a checkpoint added
///     "LinkSeconds": 1                // how often committed acts' rows are linked into the chain
///   }
/// }
/// </code>
/// In Development both default to a key and files under the user's local application data.
/// </summary>
public sealed class AuditSealOptions
{
    public const string Section = "Fenghuo:Audit";

    public const int MinimumKeyLength = 32;

    public string? SealKey { get; set; }

    public string? CheckpointDirectory { get; set; }

    public double SealSeconds { get; set; } = 60;

    public double LinkSeconds { get; set; } = 1;
}
