using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pactor.Core.Database;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Mirror;

/// <summary>
/// Files pactor copies from the upstream mirrors instead of the swarm: repo databases and all
/// signatures. Each request revalidates the cached copy with <c>If-Modified-Since</c> (one refresh
/// per file at a time, shared); when every upstream fails, or none answers by the hedge deadline, the cached copy is
/// served; a file no upstream has is a prompt 404 (a slow 404 on <c>.db.sig</c> costs pacman 10 s). The mirrors are
/// asked healthiest first (<see cref="UpstreamSet.MirrorsInOrder"/>), each GET's outcome feeds <see cref="UpstreamHealth"/>;
/// a failure (silence past the first-byte timeout, a reset, a 5xx, a body cut short) moves on to the next mirror, and
/// only the last one left is retried (<see cref="UpstreamRetry"/>). Every attempt goes into a temporary file of its own:
/// only a complete body ever becomes the cached copy, and never a database older than one another mirror served
/// (that mirror is stale and kept away from databases for a while).
/// </summary>
public sealed partial class UpstreamCopyService(
    IUpstreamFetcher fetcher,
    UpstreamRetry retry,
    UpstreamRace race,
    UpstreamSet upstreams,
    CacheLayout layout,
    RepoDatabaseIndex databases,
    PackageStore store,
    TimeProvider time,
    IOptions<MirrorOptions> options,
    ILogger<UpstreamCopyService> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MirrorResult>>> refreshes = new(StringComparer.Ordinal);

    // The newest Last-Modified any mirror gave for each database: a mirror answering with an older one is stale.
    private readonly ConcurrentDictionary<string, DateTimeOffset> newest = new(StringComparer.Ordinal);

    /// <summary>The last repo database fetched, with its Last-Modified: what <see cref="UpstreamProber"/> asks a recovering mirror for.</summary>
    public (MirrorFile File, DateTimeOffset? LastModified)? LastDatabase { get; private set; }

    public async Task<MirrorResult> GetAsync(MirrorFile file, CancellationToken cancellationToken)
    {
        var refresh = SharedRefresh(file);
        try
        {
            // A slow upstream must not stall pacman past its 10 s limit: send it there directly instead.
            return await refresh.WaitAsync(options.Value.HedgeAfter, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The refresh goes on for the next request. This one gets what pactor has, else the best healthy mirror,
            // else a 504: pacman moves to its next Server at once instead of waiting on a sick one.
            var path = layout.UpstreamCopyPath(file);
            if (File.Exists(path))
            {
                LogHedgedToCache(file.RelativePath);
                return new MirrorResult.File(path, "cache");
            }

            return upstreams.FallbackFor(file) is { } url
                ? new MirrorResult.Redirect(url, "upstream slow") { Cause = FallbackReason.UpstreamSlow }
                : new MirrorResult.Unavailable("upstream slow, and no healthy upstream to send the client to");
        }
    }

    /// <summary>The refresh in progress for <paramref name="file"/>, or a new one; it leaves the map when done.</summary>
    private Task<MirrorResult> SharedRefresh(MirrorFile file)
    {
        var created = new Lazy<Task<MirrorResult>>(() => Task.Run(() => FetchAsync(file)));
        var shared = refreshes.GetOrAdd(file.RelativePath, created);
        if (ReferenceEquals(shared, created))
        {
            // Registered only after the entry is in the map, so a fast refresh cannot leave a finished task behind.
            _ = shared.Value.ContinueWith(
                _ => refreshes.TryRemove(KeyValuePair.Create(file.RelativePath, created)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return shared.Value;
    }

    private async Task<MirrorResult> FetchAsync(MirrorFile file)
    {
        var path = layout.UpstreamCopyPath(file);
        var cached = File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : (DateTimeOffset?)null;
        var candidates = upstreams.MirrorsInOrder();
        var notFound = 0;
        for (var next = 0; next < candidates.Count;)
        {
            var first = next;
            var second = first + 1 < candidates.Count ? first + 1 : -1;
            var (ended, lost) = await race.RunAsync(
                lane => AttemptAsync(file, candidates, first, cached, lane),
                second < 0 ? null : lane => AttemptAsync(file, candidates, second, cached, lane),
                options.Value.RaceAfter,
                attempt => !attempt.Stale && attempt.Response.Status is UpstreamStatus.Ok or UpstreamStatus.NotModified);
            if (lost is { } loser)
            {
                // Its GET goes on until it answers or fails; meanwhile the next requests ask the others first.
                upstreams.Health.MarkOutrun(candidates[first + loser]);
            }

            next = first + ended.Max(e => e.Lane) + 1;
            foreach (var (_, (mirror, url, response, stale)) in ended)
            {
                if (stale)
                {
                    var reason = $"stale: {file.FileName} of {response.LastModified:u}, older than one of {newest.GetValueOrDefault(file.RelativePath):u} seen";
                    upstreams.Health.MarkStale(mirror, reason);
                    LogStale(file.RelativePath, url, reason);
                    continue;
                }

                switch (response.Status)
                {
                    case UpstreamStatus.Ok:
                        LogFetched(file.RelativePath, url, response.Length);
                        Remember(file, response.LastModified);
                        if (file.Kind == MirrorFileKind.Database && file.FileName == file.Repo + ".db")
                        {
                            databases.Reload(file.Repo, file.Arch);
                            WithdrawOutdated(file);
                        }

                        return new MirrorResult.File(path, "upstream");
                    case UpstreamStatus.NotModified:
                        Remember(file, response.LastModified);
                        return new MirrorResult.File(path, "cache");
                    case UpstreamStatus.NotFound:
                        notFound++;
                        break;
                    default:
                        LogUpstreamFailed(file.RelativePath, url, response.Reason ?? "failed");
                        break;
                }
            }
        }

        if (notFound > 0 && notFound == candidates.Count)
        {
            return new MirrorResult.NotFound("no upstream has it");
        }

        if (cached is not null)
        {
            LogServingStale(file.RelativePath);
            return new MirrorResult.File(path, "cache");
        }

        return upstreams.Mirrors.Count == 0
            ? new MirrorResult.NotFound("no upstream configured")
            : new MirrorResult.Unavailable("every upstream failed");
    }

    private void Remember(MirrorFile file, DateTimeOffset? lastModified)
    {
        if (lastModified is not { } seen || file.Kind != MirrorFileKind.Database)
        {
            return;
        }

        var kept = newest.AddOrUpdate(file.RelativePath, seen, (_, previous) => previous > seen ? previous : seen);
        if (file.FileName == file.Repo + ".db")
        {
            LastDatabase = (file, kept);
        }
    }

    // A new database may name other packages (or other checksums under the same name): the public tree must not
    // offer a web server in front anything pactor itself would no longer answer from its cache.
    private void WithdrawOutdated(MirrorFile database)
    {
        try
        {
            var withdrawn = store.WithdrawOutdated(database.Repo, database.Arch, databases.Find);
            if (withdrawn > 0)
            {
                LogWithdrawn(database.RelativePath, withdrawn);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWithdrawFailed(database.RelativePath, e.Message);
        }
    }

    /// <summary>
    /// The GET of <paramref name="file"/> from <paramref name="candidates"/>[<paramref name="index"/>], its outcome
    /// recorded in the upstream's health; only the last candidate is retried (<see cref="UpstreamRetry"/>).
    /// </summary>
    private async Task<Attempt> AttemptAsync(
        MirrorFile file, IReadOnlyList<MirrorUrlTemplate> candidates, int index, DateTimeOffset? cached, RaceLane lane)
    {
        var mirror = candidates[index];
        var url = mirror.For(file);
        var stale = false;
        var response = await retry.GetAsync(
            url,
            file.Kind == MirrorFileKind.Database ? "database" : "signature",
            failoverLeft: index < candidates.Count - 1,
            async token =>
            {
                var started = time.GetTimestamp();
                var (answer, outdated) = await DownloadAsync(file, url, cached, lane, token);
                upstreams.Health.Record(mirror, answer, time.GetElapsedTime(started));
                stale = outdated;
                return answer;
            },
            lane.Token);
        return new Attempt(mirror, url, response, stale);
    }

    private sealed record Attempt(MirrorUrlTemplate Mirror, Uri Url, UpstreamResponse Response, bool Stale);

    /// <summary>
    /// One GET into a temporary file of its own; a complete body becomes the cached copy unless it is an outdated
    /// database or <paramref name="lane"/> lost its race.
    /// </summary>
    private async Task<(UpstreamResponse Response, bool Stale)> DownloadAsync(
        MirrorFile file, Uri url, DateTimeOffset? ifModifiedSince, RaceLane lane, CancellationToken cancellationToken)
    {
        var path = layout.UpstreamCopyPath(file);
        Directory.CreateDirectory(layout.TempDirectory);
        var temp = Path.Combine(layout.TempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            UpstreamResponse response;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await using (var body = new FirstWriteStream(stream, lane.Answered))
            {
                response = await fetcher.GetAsync(url, body, ifModifiedSince, options.Value.MaxDatabaseBytes, cancellationToken);
            }

            if (response.Status != UpstreamStatus.Ok || lane.Lost)
            {
                return (response, false);
            }

            if (file.Kind == MirrorFileKind.Database && response.LastModified is { } lastModified
                && newest.TryGetValue(file.RelativePath, out var seen) && lastModified < seen)
            {
                return (response, true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: true);
            if (response.LastModified is { } modified)
            {
                File.SetLastWriteTimeUtc(path, modified.UtcDateTime);
            }

            return (response, false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {File} from {Url} ({Bytes} bytes)")]
    private partial void LogFetched(string file, Uri url, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Url} failed for {File}: {Reason}")]
    private partial void LogUpstreamFailed(string file, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "After {Database}: {Count} packages left the public tree")]
    private partial void LogWithdrawn(string database, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "After {Database}: could not update the public tree: {Reason}")]
    private partial void LogWithdrawFailed(string database, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Url} is {Reason}: not used for {File}")]
    private partial void LogStale(string file, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No upstream delivered {File} by the hedge deadline; serving the cached copy")]
    private partial void LogHedgedToCache(string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every upstream failed for {File}; serving the cached copy")]
    private partial void LogServingStale(string file);
}
