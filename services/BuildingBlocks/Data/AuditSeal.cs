using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Fenghuo.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fenghuo.BuildingBlocks.Data;

/// <summary>
/// Verifies the audit chain on a schedule and pins it with checkpoints kept outside the database.
/// The database computes and links every row's hash (0003_audit_seal.sql, 0006_audit_linked_after_commit.sql,
/// 0009_audit_links_of_their_own.sql),
/// which stops the service role; an owner could still rewrite and re-hash the whole chain. A checkpoint — the newest row's
/// id and hash, signed with HMAC-SHA256 under a key the database never sees, appended to a file on
/// another system — does not move with it: a re-hashed, edited or shortened chain no longer matches.
/// A break is logged as critical, turns this check Degraded (the service keeps serving; its
/// /health says why) and sets the gauge fenghuo.audit.chain_intact to 0.
/// </summary>
public sealed class AuditSeal(
    TenantDatabase database,
    AuditTrail trail,
    MigrationState migrations,
    DatabaseOptions databaseOptions,
    IOptions<AuditSealOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<AuditSeal> logger) : BackgroundService, IHealthCheck
{
    private static readonly Meter Meter = new(Telemetry.SourceName);

    private readonly Lock gate = new();
    private string? problem;
    private bool verified;

    /// <summary>Why the trail cannot be trusted, or null when the last verification found it intact.</summary>
    public string? Problem => problem;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Meter.CreateObservableGauge("fenghuo.audit.chain_intact", () => verified && problem is null ? 1 : 0,
            description: "1 while the audit chain and its signed checkpoints agree");
        await migrations.WhenDone.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SealSeconds), time);
        do
        {
            try
            {
                await SealAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit verification of {Database} could not run", databaseOptions.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Verifies the chain against the database and every checkpoint, then, when intact, adds a checkpoint of the head.</summary>
    public async Task<string?> SealAsync(CancellationToken ct)
    {
        var (key, directory) = Keys();
        // Every committed act's row is in the chain before the chain is verified and pinned.
        await database.InTransactionAsync(TenantScope.None, trail.LinkAsync, ct);
        var found = await database.InTransactionAsync(TenantScope.None, async session =>
        {
            var head = await session.Connection.QuerySingleAsync<Head>(
                "select chain_id as ChainId, last_id as LastId, last_hash as LastHash from audit_chain_head", transaction: session.Transaction);
            if (await trail.FindFirstBreakAsync(session) is { } position)
            {
                return (head, $"the chain breaks at row {position}");
            }
            if (key is null || directory is null)
            {
                return (head, (string?)null);
            }
            foreach (var checkpoint in Checkpoints(directory, head.ChainId))
            {
                if (checkpoint is not { } valid || !CryptographicOperations.FixedTimeEquals(valid.Signature, Sign(key, head.ChainId, valid)))
                {
                    return (head, "a checkpoint's signature does not match");
                }
                var hash = await session.Connection.QuerySingleOrDefaultAsync<byte[]>("select audit_hash_at(@Id)", new { valid.Id }, session.Transaction);
                if (hash is null || !hash.AsSpan().SequenceEqual(valid.Hash))
                {
                    return (head, $"row {valid.Id} no longer has the hash checkpointed at {valid.At:O}");
                }
            }
            return (head, null);
        }, ct);

        var (chainHead, broken) = found;
        if (broken is null && key is not null && directory is not null && chainHead.LastId is { } lastId && chainHead.LastHash is { } lastHash)
        {
            Append(directory, key, chainHead.ChainId, lastId, lastHash);
        }
        Report(broken ?? (key is null || directory is null ? "no checkpoint key and directory are configured (Fenghuo:Audit)" : null), broken is not null);
        return problem;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded($"audit trail: {problem}"));

    private void Report(string? found, bool tampered)
    {
        lock (gate)
        {
            if (found != problem && found is not null)
            {
                if (tampered)
                {
                    logger.LogCritical("Audit trail of {Database} fails verification: {Problem}", databaseOptions.Name, found);
                }
                else
                {
                    logger.LogWarning("Audit trail of {Database} is verified in the database only: {Problem}", databaseOptions.Name, found);
                }
            }
            problem = found;
            verified = true;
        }
    }

    private (byte[]? Key, string? Directory) Keys()
    {
        var configured = options.Value;
        if (configured.SealKey is { Length: >= AuditSealOptions.MinimumKeyLength } key && configured.CheckpointDirectory is { Length: > 0 } directory)
        {
            return (Encoding.UTF8.GetBytes(key), directory);
        }
        if (!environment.IsDevelopment())
        {
            return (null, null);
        }
        // A developer's machine: a key of its own beside the checkpoints, never in the database.
        var local = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "fenghuo", "audit");
        Directory.CreateDirectory(local);
        var keyFile = Path.Combine(local, "seal.key");
        if (!File.Exists(keyFile))
        {
            // Services starting together each try; the first complete file wins, none reads a half-written one.
            var candidate = $"{keyFile}.{Guid.NewGuid():N}";
            File.WriteAllText(candidate, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
            try
            {
                File.Move(candidate, keyFile, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(candidate);
            }
        }
        return (Encoding.UTF8.GetBytes(File.ReadAllText(keyFile).Trim()), local);
    }

    private string FileOf(string directory, Guid chainId) => Path.Combine(directory, $"{databaseOptions.Name}-{chainId}.checkpoints");

    /// <summary>Each line: id, hash, time, signature; null for a line that does not parse (counted as forged).</summary>
    private IEnumerable<Checkpoint?> Checkpoints(string directory, Guid chainId)
    {
        var file = FileOf(directory, chainId);
        if (!File.Exists(file))
        {
            yield break;
        }
        foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
        {
            var parts = line.Split(' ');
            yield return parts.Length == 4 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
                && DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? new Checkpoint(id, Convert.FromHexString(parts[1]), at, Convert.FromHexString(parts[3]))
                : null;
        }
    }

    private void Append(string directory, byte[] key, Guid chainId, long id, byte[] hash)
    {
        var file = FileOf(directory, chainId);
        // Called only once the chain and every checkpoint verified, so a head that is not the last checkpoint's row
        // is a row linked since. Not compared by id: rows link in commit order, and a row that committed after a
        // higher id (its transaction ran longer) is the head with the lower id.
        if (Checkpoints(directory, chainId).LastOrDefault() is { } last && last.Id == id)
        {
            return;
        }
        var checkpoint = new Checkpoint(id, hash, time.GetUtcNow(), []);
        var line = $"{id} {Convert.ToHexString(hash)} {checkpoint.At:O} {Convert.ToHexString(Sign(key, chainId, checkpoint))}\n";
        File.AppendAllText(file, line);
    }

    private static byte[] Sign(byte[] key, Guid chainId, Checkpoint checkpoint) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{chainId}|{checkpoint.Id}|{Convert.ToHexString(checkpoint.Hash)}|{checkpoint.At:O}"));

    private sealed record Checkpoint(long Id, byte[] Hash, DateTimeOffset At, byte[] Signature);

    private sealed record Head(Guid ChainId, long? LastId, byte[]? LastHash);
}
