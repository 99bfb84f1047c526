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
/// per file at a time, shared); when every upstream fails the cached copy is served; a file no
/// upstream has is a prompt 404 (a slow 404 on <c>.db.sig</c> costs pacman 10 s). A transient upstream failure is
/// retried (<see cref="UpstreamRetry"/>) before the next upstream is tried, each attempt into a temporary file of its own:
/// only a complete body ever becomes the cached copy.
/// </summary>
public sealed partial class UpstreamCopyService(
    IUpstreamFetcher fetcher,
    UpstreamRetry retry,
    UpstreamSet upstreams,
    CacheLayout layout,
    RepoDatabaseIndex databases,
    PackageStore store,
    TimeProvider time,
    IOptions<MirrorOptions> options,
    ILogger<UpstreamCopyService> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MirrorResult>>> refreshes = new(StringComparer.Ordinal);

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
            return upstreams.FallbackFor(file) is { } url
                ? new MirrorResult.Redirect(url, "upstream slow") { Cause = FallbackReason.UpstreamSlow }
                : new MirrorResult.Unavailable("upstream slow");
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
        var notFound = 0;
        foreach (var mirror in upstreams.Mirrors)
        {
            var url = mirror.For(file);
            var response = await retry.GetAsync(
                url,
                file.Kind == MirrorFileKind.Database ? "database" : "signature",
                token => DownloadAsync(url, path, cached, token),
                CancellationToken.None);
            switch (response.Status)
            {
                case UpstreamStatus.Ok:
                    LogFetched(file.RelativePath, url, response.Length);
                    if (file.Kind == MirrorFileKind.Database && file.FileName == file.Repo + ".db")
                    {
                        databases.Reload(file.Repo, file.Arch);
                        WithdrawOutdated(file);
                    }

                    return new MirrorResult.File(path, "upstream");
                case UpstreamStatus.NotModified:
                    return new MirrorResult.File(path, "cache");
                case UpstreamStatus.NotFound:
                    notFound++;
                    break;
                default:
                    LogUpstreamFailed(file.RelativePath, url, response.Reason ?? "failed");
                    break;
            }
        }

        if (notFound > 0 && notFound == upstreams.Mirrors.Count)
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

    private async Task<UpstreamResponse> DownloadAsync(Uri url, string path, DateTimeOffset? ifModifiedSince, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(layout.TempDirectory);
        var temp = Path.Combine(layout.TempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            UpstreamResponse response;
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                response = await fetcher.GetAsync(url, stream, ifModifiedSince, options.Value.MaxDatabaseBytes, cancellationToken);
            }

            if (response.Status == UpstreamStatus.Ok)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Move(temp, path, overwrite: true);
                if (response.LastModified is { } lastModified)
                {
                    File.SetLastWriteTimeUtc(path, lastModified.UtcDateTime);
                }
            }

            return response;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every upstream failed for {File}; serving the cached copy")]
    private partial void LogServingStale(string file);
}
