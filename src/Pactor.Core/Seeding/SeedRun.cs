using Microsoft.Extensions.Logging;
using Pactor.Core.Paths;

namespace Pactor.Core.Seeding;

/// <summary>
/// One pass of <c>pactor seed</c> over a mirror tree: torrents brought up to date (<see cref="TorrentPublisher"/>),
/// the whitelist rewritten if its hashes changed, then the client made to seed exactly those torrents
/// (<see cref="SeedboxReconciler"/>). Running it again over an unchanged tree changes nothing.
/// </summary>
/// <param name="client">The seedbox client; null only publishes the torrents (and the whitelist).</param>
public sealed partial class SeedRun(SeedOptions options, ISeedingClient? client, TimeProvider time, ILogger<SeedRun> logger)
{
    public SeedOptions Options => options;

    /// <exception cref="DirectoryNotFoundException">The root is not a directory.</exception>
    /// <exception cref="Swarm.TorrentClientException">The client is unavailable or refused to list its downloads.</exception>
    /// <exception cref="IOException">The whitelist cannot be written.</exception>
    public async Task<SeedReport> RunAsync(IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Root));
        var started = time.GetTimestamp();

        // Asked first so an unreachable client stops the run before any hashing; one call tells all that is loaded.
        var held = client is null ? null : await client.ListAsync(cancellationToken);
        var scan = MirrorTreeScanner.Scan(root);
        var tally = new SeedTally();
        await new TorrentPublisher(options, tally, progress, logger).PublishAsync(scan, root, cancellationToken);

        if (options.WhitelistPath is { } whitelist)
        {
            tally.WhitelistChanged = await WhitelistFile.WriteAsync(whitelist, tally.Published.Select(p => p.InfoHash), cancellationToken);
            if (tally.WhitelistChanged)
            {
                LogWhitelistWritten(whitelist, tally.Published.Select(p => p.InfoHash).Distinct().Count());
                if (options.WhitelistChanged is { } changed)
                {
                    await changed(cancellationToken);
                }
            }
        }

        if (client is not null)
        {
            string[] roots = [root, RealPath.Resolve(root)];
            await new SeedboxReconciler(client, options, tally, progress, logger).ReconcileAsync(held!, root, roots, cancellationToken);
        }

        var report = tally.ToReport(scan.Skipped);
        LogFinished(root, report.Created, report.Refreshed, report.Removed, report.Loaded, report.Erased, report.Unchanged,
            report.Problems.Count, time.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Whitelist {Path} written: {Count} hashes")]
    private partial void LogWhitelistWritten(string path, int count);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Seeded {Root}: {Created} created, {Refreshed} refreshed, {Removed} removed, {Loaded} loaded, {Erased} erased, " +
        "{Unchanged} unchanged, {Problems} problems in {Milliseconds:0} ms")]
    private partial void LogFinished(
        string root, int created, int refreshed, int removed, int loaded, int erased, int unchanged, int problems, double milliseconds);
}
